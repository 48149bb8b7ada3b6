import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Account = { id: string; broker: string; name: string; balance: number; equity: number; api_key_masked: string; enabled: boolean; status: string };

describe("broker accounts", () => {
  test("POST /accounts (paper) → 201 with the key and webhook secret shown once, masked afterwards", async () => {
    const u = await newUser(app);
    const res = await call<{ account: Account; api_key: string; webhook_secret: string }>(
      app,
      "POST",
      "/accounts",
      { broker: "paper", name: "My paper", mode: "demo", credentials: { starting_balance: 25000 } },
      { token: u.token },
    );
    expect(res.status).toBe(201);
    expect(res.body.api_key).toMatch(/^uk_demo_[0-9A-Za-z]{32,}$/);
    expect(res.body.webhook_secret).toMatch(/^uws_/);
    expect(res.body.account).toMatchObject({ broker: "paper", name: "My paper", balance: 25000, equity: 25000, enabled: true, status: "active" });

    const list = await call<{ accounts: Account[] }>(app, "GET", "/accounts", undefined, { token: u.token });
    expect(list.status).toBe(200);
    expect(list.body.accounts).toHaveLength(1);
    const shown = list.body.accounts[0];
    expect(shown.api_key_masked).toMatch(/^uk_demo_.{4}….{4}$/);
    expect(list.text).not.toContain(res.body.api_key);
    expect(list.text).not.toContain(res.body.webhook_secret);
  });

  test("PATCH renames, disables and sets the TradingView allowlist; bad entries → 400", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const res = await call<{ account: Account & { ip_allowlist: string[] } }>(
      app,
      "PATCH",
      `/accounts/${acc.id}`,
      { name: "Renamed", enabled: false, ip_allowlist: ["tradingview", "10.0.0.0/8"] },
      { token: u.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ name: "Renamed", enabled: false, status: "disabled", ip_allowlist: ["tradingview", "10.0.0.0/8"] });
    const again = await call<{ account: Account }>(app, "PATCH", `/accounts/${acc.id}`, { enabled: true }, { token: u.token });
    expect(again.body.account).toMatchObject({ enabled: true, status: "active" });
    const bad = await call<{ errors: { path: string }[] }>(app, "PATCH", `/accounts/${acc.id}`, { ip_allowlist: ["example.com"] }, { token: u.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("ip_allowlist.0");
    expect((await call(app, "PATCH", `/accounts/${acc.id}`, {}, { token: u.token })).status).toBe(400);
    expect((await call(app, "PATCH", `/accounts/${acc.id}`, { balance: 1e9 }, { token: u.token })).status).toBe(400);
  });

  test("POST /accounts/{id}/api-key issues a new key; the mask changes", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const res = await call<{ api_key: string }>(app, "POST", `/accounts/${acc.id}/api-key`, undefined, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.api_key).not.toBe(acc.api_key);
    const [row] = await app.db.query<{ n: number }>("select count(*)::int as n from public.api_keys where account_id = $1", [acc.id]);
    expect(row.n).toBe(1);
  });

  test("DELETE removes the account with its key; unknown or foreign ids → 404", async () => {
    const u = await newUser(app);
    const other = await newUser(app);
    const acc = await newPaperAccount(app, u);
    expect((await call(app, "DELETE", `/accounts/${acc.id}`, undefined, { token: other.token })).status).toBe(404);
    expect((await call(app, "DELETE", `/accounts/${acc.id}`, undefined, { token: u.token })).status).toBe(204);
    expect((await call(app, "DELETE", `/accounts/${acc.id}`, undefined, { token: u.token })).status).toBe(404);
    expect((await call(app, "DELETE", `/accounts/not-a-uuid`, undefined, { token: u.token })).status).toBe(404);
    const keys = await app.db.query("select 1 from public.api_keys where account_id = $1", [acc.id]);
    expect(keys).toHaveLength(0);
  });

  test("the trial plan allows one broker account (402 plan_limit for the second)", async () => {
    const u = await newUser(app);
    await newPaperAccount(app, u);
    const res = await call(app, "POST", "/accounts", { broker: "paper", name: "Second", mode: "demo" }, { token: u.token });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ code: "plan_limit" });
  });

  test.each([
    [{ broker: "nasdaq", name: "x" }, "broker"],
    [{ broker: "paper", name: "" }, "name"],
    [{ broker: "paper", name: "x", mode: "real" }, "mode"],
    [{ broker: "paper", name: "x", credentials: { starting_balance: -5 } }, null],
  ])("bad input %j → 4xx, nothing written", async (body, path) => {
    const u = await newUser(app);
    const res = await call<{ errors?: { path: string }[] }>(app, "POST", "/accounts", body, { token: u.token });
    expect([400, 422]).toContain(res.status);
    if (path) expect(res.body.errors?.[0].path).toBe(path);
    const rows = await app.db.query("select 1 from public.broker_accounts where user_id = $1", [u.id]);
    expect(rows).toHaveLength(0);
  });

  test("HTML- and SQL-looking account names are stored and returned verbatim", async () => {
    const u = await newUser(app);
    const name = `<script>alert("x")</script>' OR 1=1;--`;
    const res = await call<{ account: Account }>(app, "POST", "/accounts", { broker: "paper", name, mode: "demo" }, { token: u.token });
    expect(res.status).toBe(201);
    expect(res.body.account.name).toBe(name);
  });

  test("a viewer cannot connect accounts (403)", async () => {
    const v = await newUser(app, "viewer");
    const res = await call(app, "POST", "/accounts", { broker: "paper", name: "x", mode: "demo" }, { token: v.token });
    expect(res.status).toBe(403);
  });
});
