import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "otplib";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newUser } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const secretOf = (otpauth: string) => new URL(otpauth).searchParams.get("secret")!;

describe("two-factor authentication", () => {
  test("setup → enable with the current code → login needs a code (TOTP or a one-time backup code) → disable", async () => {
    const u = await newUser(app);
    const setup = await call<{ otpauth_url: string; qr_data_url: string }>(app, "POST", "/auth/2fa/setup", undefined, { token: u.token });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body.qr_data_url).toMatch(/^data:image\/png;base64,/);
    const secret = secretOf(setup.body.otpauth_url);

    expect((await call(app, "POST", "/auth/2fa/enable", { code: "000000" }, { token: u.token })).status).toBe(400);
    const enabled = await call<{ backup_codes: string[] }>(app, "POST", "/auth/2fa/enable", { code: await generate({ secret }) }, { token: u.token });
    expect(enabled.status).toBe(200);
    expect(enabled.body.backup_codes).toHaveLength(10);

    const noCode = await call(app, "POST", "/auth/login", { email: u.email, password: u.password });
    expect(noCode.status).toBe(401);
    expect(noCode.body).toMatchObject({ code: "totp_required" });
    // Each TOTP code signs in once (enable spent the current one): the next step's code is within the ±30 s window.
    const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const withCode = await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: nextCode });
    expect(withCode.status).toBe(200);
    const backup = enabled.body.backup_codes[0];
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: backup })).status).toBe(200);
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: backup })).status).toBe(401);

    const [row] = await app.db.query<{ totp_secret_enc: unknown; backup_code_hashes: string[] }>("select totp_secret_enc, backup_code_hashes from public.user_credentials where user_id = $1", [u.id]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(enabled.body.backup_codes[1]);

    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password, totp_code: nextCode })).status).toBe(401);
    expect((await call(app, "POST", "/auth/2fa/disable", { code: enabled.body.backup_codes[1] }, { token: u.token })).status).toBe(204);
    expect((await call(app, "POST", "/auth/login", { email: u.email, password: u.password })).status).toBe(200);
  });
});

describe("plan features", () => {
  test("the risk heatmap and drawdown views are part of Pro (and the trial); Starter gets 402 plan_limit", async () => {
    const trial = await newUser(app);
    expect((await call(app, "GET", "/analytics/exposure", undefined, { token: trial.token })).status).toBe(200);
    const starter = await newUser(app);
    await app.db.query("update public.profiles set plan = 'starter' where id = $1", [starter.id]);
    const res = await call(app, "GET", "/analytics/exposure", undefined, { token: starter.token });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ code: "plan_limit" });
    expect((await call(app, "GET", "/analytics/drawdown", undefined, { token: starter.token })).status).toBe(402);
    expect((await call(app, "GET", "/analytics/equity", undefined, { token: starter.token })).status).toBe(200);
  });
});
