import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { setRisk } from "../support/settings";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Answer = { code?: string; rule?: string; status?: string };

async function fire(apiKey: string, n: number, symbolOf: (i: number) => string = () => "EURUSD") {
  return Promise.all(Array.from({ length: n }, (_, i) => sendAlert<Answer>(app, "paper", entry(apiKey, { qty: 0.01, symbol: symbolOf(i) }))));
}

describe("concurrent alerts never exceed a limit", () => {
  test("POST /webhook/paper — 20 concurrent alerts with max_open_trades = 3 → exactly 3 orders, 17 risk_blocked", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await setRisk(app, u, { max_open_trades: 3 });
    const answers = await fire(a.api_key, 20);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    const blocked = answers.filter((r) => r.status === 422);
    expect(blocked).toHaveLength(17);
    expect(new Set(blocked.map((r) => r.body.rule))).toEqual(new Set(["max_open_trades"]));
    const [{ n }] = await app.db.query<{ n: number }>("select count(*)::int as n from public.orders where account_id = $1", [a.id]);
    expect(n).toBe(3);
    const [{ e }] = await app.db.query<{ e: number }>("select count(*)::int as e from public.webhook_events where account_id = $1 and rule = 'max_open_trades'", [a.id]);
    expect(e).toBe(17);
  });

  test("max_trades_per_day = 3 → exactly 3 orders of 20", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await setRisk(app, u, { max_trades_per_day: 3 });
    const answers = await fire(a.api_key, 20);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    expect(answers.filter((r) => r.body.rule === "max_trades_per_day")).toHaveLength(17);
  });

  test("max_concurrent_positions = 2 over different symbols → 2 symbols traded", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await setRisk(app, u, { max_concurrent_positions: 2 });
    const symbols = ["EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "XAUUSD"];
    const answers = await fire(a.api_key, 20, (i) => symbols[i % symbols.length]);
    const [{ n }] = await app.db.query<{ n: number }>("select count(distinct symbol)::int as n from public.orders where account_id = $1", [a.id]);
    expect(n).toBe(2);
    expect(answers.filter((r) => r.status === 422).every((r) => r.body.rule === "max_concurrent_positions")).toBe(true);
  });

  test("the trial's trade allowance: with 97 of 100 used, 20 concurrent alerts → 3 orders, 17 × 402", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await app.db.query("insert into public.plan_usage (user_id, period, trades) values ($1, 'trial', 97)", [u.id]);
    const answers = await fire(a.api_key, 20);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = answers.filter((r) => r.status === 402);
    expect(refused).toHaveLength(17);
    expect(refused[0].body.code).toBe("trial_expired");
    const [{ trades }] = await app.db.query<{ trades: number }>("select trades from public.plan_usage where user_id = $1", [u.id]);
    expect(trades).toBe(100);
  });

  test("Starter's monthly allowance answers plan_limit", async () => {
    const u = await newUser(app);
    await app.db.query("update public.profiles set plan = 'starter' where id = $1", [u.id]);
    const a = await newPaperAccount(app, u);
    const period = new Date().toISOString().slice(0, 7);
    await app.db.query("insert into public.plan_usage (user_id, period, trades) values ($1, $2, 100)", [u.id, period]);
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.01 }));
    expect(res.status).toBe(402);
    expect(res.body.code).toBe("plan_limit");
  });

  test("an expired trial → 402 trial_expired", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await app.db.query("update public.profiles set trial_ends_at = now() - interval '1 minute' where id = $1", [u.id]);
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(res.status).toBe(402);
    expect(res.body.code).toBe("trial_expired");
  });

  test("the plan's request rate: the 61st request in a minute on the trial → 429 with Retry-After", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    // Creating the account was a Bearer API request: it used one of the 60.
    const exits = Array.from({ length: 59 }, () => sendAlert(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "EURUSD" } }));
    const statuses = (await Promise.all(exits)).map((r) => r.status);
    expect(statuses.every((s) => s === 409)).toBe(true);
    const limited = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("the plan's request rate counts API requests by Bearer token too: the trial's 61st → 429 with Retry-After", async () => {
    const u = await newUser(app);
    const reads = await Promise.all(Array.from({ length: 60 }, () => call(app, "GET", "/positions", undefined, { token: u.token })));
    expect(reads.every((r) => r.status === 200)).toBe(true);
    const limited = await call<Answer>(app, "GET", "/orders", undefined, { token: u.token });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
