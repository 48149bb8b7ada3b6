import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newUser } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const uniqueEmail = () => `a${Math.random().toString(36).slice(2)}@example.com`;

describe("POST /auth/signup", () => {
  test("creates a trial user, returns a token and sets an HttpOnly SameSite=Lax cookie", async () => {
    const email = uniqueEmail();
    const res = await call<{ user: Record<string, string>; access_token: string }>(app, "POST", "/auth/signup", {
      email,
      password: "long-enough-pw",
      name: "Ada",
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: "Ada", role: "user", plan: "trial" });
    expect(res.body.access_token.split(".")).toHaveLength(3);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/unify_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.headers.get("x-correlation-id")).toBeTruthy();
  });

  test("duplicate email (any case) → 409 conflict", async () => {
    const email = uniqueEmail();
    await call(app, "POST", "/auth/signup", { email, password: "long-enough-pw", name: "A" });
    const res = await call(app, "POST", "/auth/signup", { email: email.toUpperCase(), password: "long-enough-pw", name: "B" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "conflict", status: 409, type: "https://unify.dev/problems/conflict" });
  });

  test.each([
    ["short password", { email: "x@example.com", password: "short", name: "A" }, "password"],
    ["bad email", { email: "not-an-email", password: "long-enough-pw", name: "A" }, "email"],
    ["wrong type", { email: "x@example.com", password: 1234567890123, name: "A" }, "password"],
    ["unknown field", { email: "x@example.com", password: "long-enough-pw", name: "A", role: "admin" }, "(body)"],
    ["over-long name", { email: "x@example.com", password: "long-enough-pw", name: "n".repeat(101) }, "name"],
  ])("%s → 400 with the field, nothing written", async (_label, body, path) => {
    const before = await app.db.query<{ n: number }>("select count(*)::int as n from public.profiles");
    const res = await call<{ code: string; errors: { path: string }[] }>(app, "POST", "/auth/signup", body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.code).toBe("invalid_request");
    expect(res.body.errors.map((e) => e.path)).toContain(path);
    const after = await app.db.query<{ n: number }>("select count(*)::int as n from public.profiles");
    expect(after[0].n).toBe(before[0].n);
  });

  test("malformed JSON → 400; wrong content type → 415; body over 64 KiB → 413", async () => {
    expect((await call(app, "POST", "/auth/signup", undefined, { raw: "{\"email\":" })).status).toBe(400);
    expect((await call(app, "POST", "/auth/signup", undefined, { raw: "email=x", contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    const huge = JSON.stringify({ email: "x@example.com", password: "long-enough-pw", name: "x".repeat(70 * 1024) });
    const res = await call(app, "POST", "/auth/signup", undefined, { raw: huge });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: "payload_too_large" });
  });

  test("SQL- and HTML-looking names are stored verbatim", async () => {
    const name = `<img src=x onerror=alert(1)>'); drop table profiles;--`;
    const res = await call<{ user: { name: string; id: string } }>(app, "POST", "/auth/signup", { email: uniqueEmail(), password: "long-enough-pw", name });
    expect(res.status).toBe(201);
    expect(res.body.user.name).toBe(name);
    const [row] = await app.db.query<{ name: string }>("select name from public.profiles where id = $1", [res.body.user.id]);
    expect(row.name).toBe(name);
  });
});

describe("POST /auth/login and /auth/logout", () => {
  test("right password → token; wrong → 401 with a generic sentence", async () => {
    const u = await newUser(app);
    const ok = await call<{ access_token: string }>(app, "POST", "/auth/login", { email: u.email, password: u.password });
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
    const bad = await call(app, "POST", "/auth/login", { email: u.email, password: "wrong-password" });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: "unauthorized", detail: "Email or password is wrong." });
    const unknown = await call(app, "POST", "/auth/login", { email: "nobody@example.com", password: "wrong-password" });
    expect(unknown.body).toMatchObject({ detail: "Email or password is wrong." });
  });

  test("five failures lock the account for a while (429 with Retry-After), even with the right password", async () => {
    const u = await newUser(app);
    for (let i = 0; i < 5; i++) expect((await call(app, "POST", "/auth/login", { email: u.email, password: "nope-nope-nope" })).status).toBe(401);
    const locked = await call(app, "POST", "/auth/login", { email: u.email, password: u.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("twenty failures from one IP lock that IP across accounts", async () => {
    const ip = { "x-forwarded-for": "203.0.113.77" };
    for (let i = 0; i < 20; i++) {
      await call(app, "POST", "/auth/login", { email: `spray${i}@example.com`, password: "nope-nope-nope" }, { headers: ip });
    }
    const u = await newUser(app);
    const res = await call(app, "POST", "/auth/login", { email: u.email, password: u.password }, { headers: ip });
    expect(res.status).toBe(429);
    const elsewhere = await call(app, "POST", "/auth/login", { email: u.email, password: u.password }, { headers: { "x-forwarded-for": "198.51.100.1" } });
    expect(elsewhere.status).toBe(200);
  });

  test("logout ends the session: the same token gets 401 afterwards", async () => {
    const u = await newUser(app);
    expect((await call(app, "GET", "/accounts", undefined, { token: u.token })).status).toBe(200);
    const out = await call(app, "POST", "/auth/logout", undefined, { token: u.token });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await call(app, "GET", "/accounts", undefined, { token: u.token })).status).toBe(401);
  });

  test("a tampered or missing token → 401 problem+json", async () => {
    const u = await newUser(app);
    const tampered = u.token.slice(0, -3) + (u.token.endsWith("a") ? "bbb" : "aaa");
    expect((await call(app, "GET", "/accounts", undefined, { token: tampered })).status).toBe(401);
    const none = await call(app, "GET", "/accounts");
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: "unauthorized" });
  });
});

describe("cookie sessions and CSRF", () => {
  test("the cookie authenticates; a cross-site write with it is refused, a same-origin one is not", async () => {
    const u = await newUser(app);
    const cookie = `unify_session=${u.token}`;
    expect((await call(app, "GET", "/accounts", undefined, { headers: { cookie } })).status).toBe(200);
    const body = { broker: "paper", name: "P", mode: "demo" };
    const evil = await call(app, "POST", "/accounts", body, { headers: { cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    const none = await call(app, "POST", "/accounts", body, { headers: { cookie } });
    expect(none.status).toBe(403);
    const good = await call(app, "POST", "/accounts", body, { headers: { cookie, origin: app.url } });
    expect(good.status).toBe(201);
  });

  test("a suspended user's session stops working", async () => {
    const u = await newUser(app);
    await app.db.query("update public.profiles set status = 'suspended' where id = $1", [u.id]);
    const res = await call(app, "GET", "/accounts", undefined, { token: u.token });
    expect(res.status).toBe(403);
  });
});
