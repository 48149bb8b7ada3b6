import { describe, expect, test } from "vitest";
import type { TestApp } from "../support/test-app";
import { paperTestApp } from "../support/paper-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { setRisk } from "../support/settings";

let app: TestApp;
paperTestApp({ EURUSD: { bid: 1.1, ask: 1.1002 }, GBPUSD: { bid: 1.25, ask: 1.2502 } }, (a) => (app = a));

type Report = {
  ok: boolean;
  order: { qty: number; side: string; type: string; stopLoss?: number; takeProfit?: number } | null;
  blocked_by: { rule: string; reason: string } | null;
  problems: string[];
};
type Answer = { code?: string; rule?: string; detail?: string; status?: string; filled_qty?: number; broker_code?: string; risk_blocked?: { rule: string } };
type Pos = { id: string; symbol: string; side: string; qty: number; status: string };

async function fresh(): Promise<{ u: TestUser; a: TestAccount }> {
  const u = await newUser(app);
  const a = await newPaperAccount(app, u);
  return { u, a };
}
const dryRun = async (u: TestUser, body: unknown) => {
  const res = await call<Report>(app, "POST", "/alerts/validate", body, { token: u.token });
  expect(res.status).toBe(200);
  return res.body;
};
const openPositions = async (u: TestUser) =>
  (await call<{ positions: Pos[] }>(app, "GET", "/positions?status=open", undefined, { token: u.token })).body.positions;
const orderCount = async (a: TestAccount) => (await app.db.query("select 1 from public.orders where account_id = $1", [a.id])).length;

/** The dry run, then the same alert for real: the dry run's verdict must match. */
async function both(u: TestUser, body: unknown) {
  const dry = await dryRun(u, body);
  const real = await sendAlert<Answer>(app, "paper", body);
  return { dry, real };
}

describe("the dry run predicts the real pipeline", () => {
  test("a disabled account: the dry run refuses an entry the webhook refuses, and allows the exit the webhook runs", async () => {
    const { u, a } = await fresh();
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }))).status).toBe(200);
    await app.db.query("update public.broker_accounts set enabled = false where id = $1", [a.id]);
    const { dry, real } = await both(u, entry(a.api_key, { qty: 0.1 }));
    expect(real.body.code).toBe("account_disabled");
    expect(dry.ok).toBe(false);
    expect(dry.problems.join(" ")).toMatch(/disabled/);
    const exit = await both(u, { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "EURUSD" } });
    expect(exit.real.status).toBe(200);
    expect(exit.dry.ok).toBe(true);
    expect(exit.dry.order).toMatchObject({ side: "sell", qty: 0.1 });
  });

  test("an entry beyond free margin: the paper broker refuses it, so the dry run says so", async () => {
    const { u, a } = await fresh();
    const before = await orderCount(a);
    const dry = await dryRun(u, entry(a.api_key, { qty: 100 }));
    expect(await orderCount(a)).toBe(before);
    const real = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 100 }));
    expect(real.body).toMatchObject({ broker_code: "insufficient_margin" });
    expect(dry.ok).toBe(false);
    expect(dry.problems.join(" ")).toMatch(/margin/i);
  });

  test("a limit reverse of an open position is refused for real, and by the dry run", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "sell", type: "limit", price: 1.11, qty: 0.1 }));
    expect(real.body.code).toBe("constraint_violation");
    expect(dry.ok).toBe(false);
    expect(dry.problems.join(" ")).toMatch(/reverse/);
  });

  test("a reverse of an open position: the dry run shows the quantity actually sent (closing part included)", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.2 }));
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "sell", qty: 0.1 }));
    expect(real.status).toBe(200);
    expect(real.body.filled_qty).toBe(0.3);
    expect(dry.ok).toBe(true);
    expect(dry.order?.qty).toBe(0.3);
  });

  test("a same-side reverse counts as an entry for the rules (max_open_trades)", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    await setRisk(app, u, { max_open_trades: 1 });
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "buy", qty: 0.1 }));
    expect(real.body).toMatchObject({ code: "risk_blocked", rule: "max_open_trades" });
    expect(dry.ok).toBe(false);
    expect(dry.blocked_by?.rule).toBe("max_open_trades");
  });

  test("a blocked reverse still closes its position: the dry run shows that exit, with the block", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.2 }));
    await setRisk(app, u, { denied_instruments: ["EURUSD"] });
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "sell", qty: 0.1 }));
    expect(real.status).toBe(200);
    expect(real.body.risk_blocked?.rule).toBe("denied_instruments");
    expect(real.body.filled_qty).toBe(0.2);
    expect(await openPositions(u)).toHaveLength(0);
    expect(dry.blocked_by?.rule).toBe("denied_instruments");
    expect(dry.order).toMatchObject({ side: "sell", type: "market", qty: 0.2 });
  });

  test("the plan's trade allowance used up: refused for real, and by the dry run", async () => {
    const { u, a } = await fresh();
    await app.db.query("insert into public.plan_usage (user_id, period, trades) values ($1, 'trial', 100) on conflict (user_id, period) do update set trades = 100", [u.id]);
    const { dry, real } = await both(u, entry(a.api_key, { qty: 0.1 }));
    expect(real.status).toBeGreaterThanOrEqual(400);
    expect(real.body.code).toBe("trial_expired");
    expect(dry.ok).toBe(false);
    expect(dry.problems.join(" ")).toMatch(/trades are used/);
  });

  test("an exit with no open position: refused for real (409), and by the dry run", async () => {
    const { u, a } = await fresh();
    const { dry, real } = await both(u, { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "EURUSD" } });
    expect(real.body.code).toBe("conflict");
    expect(dry.ok).toBe(false);
    expect(dry.problems.join(" ")).toMatch(/no open EURUSD position/);
  });

  test("intent.account_id naming another account than the key's: refused for real, and by the dry run", async () => {
    const { u, a } = await fresh();
    await app.db.query("update public.profiles set plan = 'pro' where id = $1", [u.id]);
    const b = await newPaperAccount(app, u, { name: "Second" });
    const { dry, real } = await both(u, entry(a.api_key, { qty: 0.1, account_id: b.id }));
    expect(real.body.code).toBe("forbidden");
    expect(dry.ok).toBe(false);
  });

  test("a plain entry: the dry run's size and levels are what is sent", async () => {
    const { u, a } = await fresh();
    const body = entry(a.api_key, { qty: 0.25, sl: { mode: "price", value: 1.095 }, tp: { mode: "price", value: 1.11 } });
    const { dry, real } = await both(u, body);
    expect(real.status).toBe(200);
    expect(dry.ok).toBe(true);
    expect(dry.order).toMatchObject({ qty: real.body.filled_qty, stopLoss: 1.095, takeProfit: 1.11 });
  });
  test("a blocked reverse with the plan's trades used up still closes its position (an exit counts no trade)", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.2 }));
    await setRisk(app, u, { denied_instruments: ["EURUSD"] });
    await app.db.query("insert into public.plan_usage (user_id, period, trades) values ($1, 'trial', 100) on conflict (user_id, period) do update set trades = 100", [u.id]);
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "sell", qty: 0.1 }));
    expect(real.status).toBe(200);
    expect(real.body.risk_blocked?.rule).toBe("denied_instruments");
    expect(dry.blocked_by?.rule).toBe("denied_instruments");
    expect(dry.problems).toEqual([]);
    expect(dry.order).toMatchObject({ side: "sell", qty: 0.2 });
  });

  test("an ended trial refuses a blocked reverse outright: nothing is closed, and the dry run shows no order", async () => {
    const { u, a } = await fresh();
    // Opened with the session (POST /order), so the API key's 5 s cache holds no trial end from before.
    const opened = await call(app, "POST", "/order", { action: "entry", side: "buy", type: "market", symbol: "EURUSD", qty: 0.2, account_id: a.id }, { token: u.token });
    expect(opened.status).toBe(200);
    await setRisk(app, u, { denied_instruments: ["EURUSD"] });
    await app.db.query("update public.profiles set trial_ends_at = now() - interval '1 day' where id = $1", [u.id]);
    const { dry, real } = await both(u, entry(a.api_key, { action: "reverse", side: "sell", qty: 0.1 }));
    expect(real.body.code).toBe("trial_expired");
    expect(await openPositions(u)).toHaveLength(1);
    expect(dry.ok).toBe(false);
    expect(dry.order).toBeNull();
    expect(dry.problems.join(" ")).toMatch(/trial ended/);
  });
  test("an overnight trading window: the dry run counts the day's trades on the same trading day as the webhook", async () => {
    const { u, a } = await fresh();
    const h = new Date().getUTCHours();
    const hh = (n: number) => `${String((n + 24) % 24).padStart(2, "0")}:00`;
    // Open from two hours ago until three hours ago the next day: it spans midnight, and is open now.
    await setRisk(app, u, { max_trades_per_day: 1, trading_hours: { enabled: true, start: hh(h - 2), end: hh(h - 3), timezone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] } });
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }))).status).toBe(200);
    const { dry, real } = await both(u, entry(a.api_key, { qty: 0.01 }));
    expect(real.body).toMatchObject({ code: "risk_blocked", rule: "max_trades_per_day" });
    expect(dry.blocked_by?.rule).toBe("max_trades_per_day");
  });
});
