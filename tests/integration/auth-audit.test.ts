import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "otplib";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestUser } from "../support/client";
import { openPglite } from "../../lib/db/pglite";
import { migrate } from "../../lib/db/migrate";
import { asUser, type Claims } from "../../lib/db/as-user";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const secretOf = (otpauth: string) => new URL(otpauth).searchParams.get("secret")!;

/** A user with 2FA on; returns the TOTP secret and the backup codes. */
async function withTwoFactor(u: TestUser): Promise<{ secret: string; backup: string[] }> {
  const setup = await call<{ otpauth_url: string }>(app, "POST", "/auth/2fa/setup", undefined, { token: u.token });
  const secret = secretOf(setup.body.otpauth_url);
  const enabled = await call<{ backup_codes: string[] }>(app, "POST", "/auth/2fa/enable", { code: await generate({ secret }) }, { token: u.token });
  expect(enabled.status).toBe(200);
  return { secret, backup: enabled.body.backup_codes };
}

describe("login throttling", () => {
  test("POST /auth/login — 20 concurrent wrong passwords for one account: at most 5 are checked, the rest get 429", async () => {
    const u = await newUser(app);
    const ip = { "x-forwarded-for": "198.51.100.23" };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(app, "POST", "/auth/login", { email: u.email, password: "wrong-password-x" }, { headers: ip })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
  });

  test("POST /auth/login — successful logins from one IP do not use up that IP's allowance", async () => {
    const u = await newUser(app);
    const ip = { "x-forwarded-for": "198.51.100.24" };
    for (let i = 0; i < 25; i++) {
      expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password }, { headers: ip })).status).toBe(200);
    }
  });
});

describe("two-factor codes", () => {
  test("POST /auth/login — the same TOTP code twice: the second login is refused", async () => {
    const u = await newUser(app);
    const { secret } = await withTwoFactor(u);
    // A code for the next 30-second step (accepted within the ±30 s window) that enable did not spend.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: code })).status).toBe(200);
    const replay = await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: code });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: "totp_required" });
  });

  test("POST /auth/2fa/disable — wrong codes are throttled: after 5 failures even a right backup code is refused with 429", async () => {
    const u = await newUser(app);
    const { backup } = await withTwoFactor(u);
    for (let i = 0; i < 5; i++) {
      const res = await call(app, "POST", "/auth/2fa/disable", { code: String(100000 + i) }, { token: u.token });
      expect(res.status).toBe(400);
    }
    const locked = await call(app, "POST", "/auth/2fa/disable", { code: backup[0] }, { token: u.token });
    expect(locked.status).toBe(429);
    const [row] = await app.db.query<{ totp_enabled: boolean }>("select totp_enabled from public.profiles where id = $1", [u.id]);
    expect(row.totp_enabled).toBe(true);
  });

  test("POST /auth/2fa/enable — other sessions of the user end (a stolen token does not survive 2FA being turned on)", async () => {
    const u = await newUser(app);
    const other = await call<{ access_token: string }>(app, "POST", "/auth/login", { email: u.email, password: u.password });
    expect((await call(app, "GET", "/accounts", undefined, { token: other.body.access_token })).status).toBe(200);
    await withTwoFactor(u);
    expect((await call(app, "GET", "/accounts", undefined, { token: other.body.access_token })).status).toBe(401);
    expect((await call(app, "GET", "/accounts", undefined, { token: u.token })).status).toBe(200);
  });
});

describe("login CSRF", () => {
  test("POST /auth/login — a cross-site browser form (text/plain, foreign Origin) cannot sign the victim into another account", async () => {
    const u = await newUser(app);
    const raw = JSON.stringify({ email: u.email, password: u.password });
    const evil = await call(app, "POST", "/auth/login", undefined, {
      raw,
      contentType: "text/plain",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("set-cookie")).toBeNull();
    const signup = await call(app, "POST", "/auth/signup", { email: `x${u.email}`, password: "long-enough-pw", name: "X" }, {
      headers: { origin: "https://evil.example" },
    });
    expect(signup.status).toBe(403);
    // Our own pages and non-browser API clients (no Origin) still sign in.
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password }, { headers: { origin: app.url } })).status).toBe(200);
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password })).status).toBe(200);
  });
});

describe("grants on a Supabase project", () => {
  test("with Supabase's default privileges (all on tables and functions to anon/authenticated), a user still cannot set their own role", async () => {
    const db = await openPglite();
    try {
      await db.exec(`
        create role anon nologin noinherit; create role authenticated nologin noinherit; create role service_role nologin noinherit;
        alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
        alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
        alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;`);
      await migrate(db);
      const [p] = await db.query<{ id: string }>("insert into public.profiles (email, name) values ('s@example.com', 'S') returning id");
      const claims = JSON.stringify({ sub: p.id, role: "user", email: "s@example.com" });
      const asAuthenticated = (sql: string) =>
        db.transaction(async (tx) => {
          await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [claims]);
          return tx.query(sql, [p.id]);
        });
      await expect(asAuthenticated("update public.profiles set role = 'admin' where id = $1 returning 1")).rejects.toThrow(/permission denied/);
      await expect(asAuthenticated("update public.profiles set plan = 'elite', status = 'active' where id = $1 returning 1")).rejects.toThrow(/permission denied/);
      expect(await asAuthenticated("update public.profiles set name = 'New' where id = $1 returning 1")).toHaveLength(1);
      // Cross-user lookups are for the server only, not callable as a user (Supabase exposes public functions as RPC).
      await expect(asAuthenticated("select * from public.session_user_info($1)")).rejects.toThrow(/permission denied/);
      await expect(asAuthenticated("select * from public.api_key_account($1::text)")).rejects.toThrow(/permission denied/);
      const [row] = await db.query<{ role: string }>("select role from public.profiles where id = $1", [p.id]);
      expect(row.role).toBe("user");
    } finally {
      await db.close();
    }
  });
});

describe("security-definer functions", () => {
  test("every security-definer function in public pins search_path with pg_temp last, and anon cannot execute it", async () => {
    const rows = await app.db.query<{ name: string; config: string[] | null; anon: boolean }>(
      `select p.proname as name, p.proconfig as config, has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.config ?? [], r.name).toContain("search_path=public, pg_temp");
      expect(r.anon, r.name).toBe(false);
    }
  });
});

describe("RLS: rows cannot point into another user's account", () => {
  test("user B cannot insert or move their own rows onto A's broker account or EA device", async () => {
    const [a, b] = await Promise.all([newUser(app), newUser(app)]);
    const [accA, accB] = [await newPaperAccount(app, a), await newPaperAccount(app, b)];
    const [devA] = await app.db.query<{ id: string }>("insert into public.ea_devices (user_id, account_id, secret_enc) values ($1, $2, '{}') returning id", [a.id, accA.id]);
    const [devB] = await app.db.query<{ id: string }>("insert into public.ea_devices (user_id, account_id, secret_enc) values ($1, $2, '{}') returning id", [b.id, accB.id]);
    const asB = <T>(sql: string, params: unknown[]) => asUser({ sub: b.id, role: "user", email: b.email } satisfies Claims, (tx) => tx.query<T>(sql, params));
    // Refused by the ownership foreign keys (account, user) → the account of that user.
    const refused = /foreign key constraint/;
    // An idempotency answer planted on A's account would be replayed to A's own alert.
    await expect(asB("insert into public.idempotency_keys (account_id, key, user_id, status_code, response) values ($1, 'planted', $2, 200, '{}')", [accA.id, b.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.webhook_signatures (account_id, signature, user_id) values ($1, 'sig', $2)", [accA.id, b.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.orders (user_id, account_id, broker, symbol, side, qty) values ($1, $2, 'paper', 'EURUSD', 'buy', 1)", [b.id, accA.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.positions (user_id, account_id, broker, symbol, side, qty, entry_price) values ($1, $2, 'paper', 'EURUSD', 'buy', 1, 1.1)", [b.id, accA.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.account_day_stats (account_id, day, user_id) values ($1, current_date + 1, $2)", [accA.id, b.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.equity_history (user_id, account_id, equity, balance) values ($1, $2, 1, 1)", [b.id, accA.id])).rejects.toThrow(refused);
    await expect(asB("insert into public.webhook_events (user_id, account_id, outcome, status_code) values ($1, $2, 'accepted', 200)", [b.id, accA.id])).rejects.toThrow(refused);
    // A command queued on A's MetaTrader device would be executed by A's terminal.
    await expect(
      asB("insert into public.ea_commands (user_id, account_id, device_id, action, payload, expires_at) values ($1, $2, $3, 'open', '{}', now() + interval '1 minute')", [b.id, accB.id, devA.id]),
    ).rejects.toThrow(refused);
    await expect(
      asB("insert into public.ea_commands (user_id, account_id, device_id, action, payload, expires_at) values ($1, $2, $3, 'open', '{}', now() + interval '1 minute')", [b.id, accA.id, devB.id]),
    ).rejects.toThrow(refused);
    // Moving an own row onto A's account is refused too.
    const [own] = await asB<{ id: string }>("insert into public.orders (user_id, account_id, broker, symbol, side, qty) values ($1, $2, 'paper', 'EURUSD', 'buy', 1) returning id", [b.id, accB.id]);
    await expect(asB("update public.orders set account_id = $2 where id = $1", [own.id, accA.id])).rejects.toThrow(refused);
    // Own rows on own accounts still work; webhook events without an account too.
    expect(await asB("insert into public.webhook_events (user_id, outcome, status_code) values ($1, 'rejected', 401) returning 1", [b.id])).toHaveLength(1);
    expect(
      await asB("insert into public.ea_commands (user_id, account_id, device_id, action, payload, expires_at) values ($1, $2, $3, 'open', '{}', now() + interval '1 minute') returning 1", [b.id, accB.id, devB.id]),
    ).toHaveLength(1);
  });
});

describe("session cookie parsing", () => {
  test("GET /accounts — a malformed session cookie (bad %-escape) is 401, not a 500", async () => {
    const res = await call(app, "GET", "/accounts", undefined, { headers: { cookie: "unify_session=%E0%A4%A" } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "unauthorized" });
  });
});
