import { describe, expect, test } from "vitest";
import type { TestApp } from "../support/test-app";
import { paperTestApp } from "../support/paper-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { setRisk } from "../support/settings";

let app: TestApp;
const feed = paperTestApp({ EURUSD: { bid: 1.1, ask: 1.1002 }, GBPUSD: { bid: 1.25, ask: 1.2502 } }, (a) => (app = a));

type Answer = { code?: string; rule?: string; detail?: string; status?: string; errors?: { path: string; message: string }[] };

async function fresh(): Promise<{ u: TestUser; a: TestAccount }> {
  const u = await newUser(app);
  const a = await newPaperAccount(app, u);
  return { u, a };
}

async function riskBody(u: TestUser): Promise<Record<string, unknown>> {
  const current = await call<Record<string, unknown>>(app, "GET", "/risk", undefined, { token: u.token });
  const { broker: _b, is_override: _o, ...settings } = current.body;
  return settings;
}

describe("risk settings validation", () => {
  test("PUT /risk — a daily loss limit the database cannot hold → 400 naming the field, not 500", async () => {
    const { u } = await fresh();
    const body = await riskBody(u);
    const res = await call<Answer>(app, "PUT", "/risk", { ...body, max_daily_loss_usd: 1e18 }, { token: u.token });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toEqual(["max_daily_loss_usd"]);
  });

  test("PUT /risk — a positive limit too small to store is refused instead of saved as 0 (which would block every entry)", async () => {
    const { u, a } = await fresh();
    const body = await riskBody(u);
    for (const [field, value] of [["max_daily_loss_usd", 0.001], ["max_daily_loss_pct", 0.0001]] as const) {
      const res = await call<Answer>(app, "PUT", "/risk", { ...body, [field]: value }, { token: u.token });
      expect(res.status, field).toBe(400);
      expect(res.body.errors?.map((e) => e.path)).toEqual([field]);
    }
    // Nothing was saved: an entry still goes through.
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }))).status).toBe(200);
  });
});

type Pos = { id: string; symbol: string; side: string; qty: number; status: string };
const openPositions = async (u: TestUser) =>
  (await call<{ positions: Pos[] }>(app, "GET", "/positions?status=open", undefined, { token: u.token })).body.positions;

describe("daily loss against start-of-day equity", () => {
  test("the day's first event is a loss on a position held overnight: the % limit is measured against the equity the day started with", async () => {
    const { u, a } = await fresh();
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 2 }))).status).toBe(200);
    // Midnight passes with the position open: the counters so far belong to yesterday.
    await app.db.query("update public.account_day_stats set day = day - 1 where account_id = $1", [a.id]);
    const [{ equity: startEquity }] = await app.db.query<{ equity: number }>("select equity from public.broker_accounts where id = $1", [a.id]);
    // The first thing today: the trader closes it from the dashboard at a loss of ~1,000.
    feed.set("EURUSD", { bid: 1.0952, ask: 1.0954 });
    const [p] = await openPositions(u);
    const closed = await call<{ realized_pnl: number }>(app, "POST", `/positions/${p.id}/close`, {}, { token: u.token });
    expect(closed.status).toBe(200);
    const loss = -closed.body.realized_pnl;
    expect(loss).toBeGreaterThan(900);
    // A limit just above loss / start-of-day equity: the loss has not reached it.
    const pctOfStart = (loss / startEquity) * 100;
    const pctOfNow = (loss / (startEquity - loss)) * 100;
    const limit = Math.round(((pctOfStart + pctOfNow) / 2) * 1000) / 1000;
    expect(limit).toBeGreaterThan(pctOfStart);
    await setRisk(app, u, { max_daily_loss_pct: limit });
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.01 }));
    expect(res.body.detail ?? "").not.toMatch(/daily limit/);
    expect(res.status).toBe(200);
  });
});

describe("max_open_trades and reverse", () => {
  test("a reverse in the side already held adds a trade: it is blocked at the limit like an entry", async () => {
    const { u, a } = await fresh();
    await setRisk(app, u, { max_open_trades: 1 });
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }))).status).toBe(200);
    // A duplicate "reverse to long" while already long opens a second trade in EURUSD.
    const dup = await sendAlert<Answer>(app, "paper", entry(a.api_key, { action: "reverse", side: "buy", qty: 0.01 }));
    const [{ n }] = await app.db.query<{ n: number }>("select coalesce(sum(entries), 0)::int as n from public.positions where account_id = $1 and status = 'open'", [a.id]);
    expect(n).toBeLessThanOrEqual(1);
    expect(dup.body).toMatchObject({ code: "risk_blocked", rule: "max_open_trades" });
  });
});

describe("a blocked reverse", () => {
  test("outside trading hours a reverse still closes the open position (only its opening part is blocked)", async () => {
    const { u, a } = await fresh();
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }))).status).toBe(200);
    const closedHour = (new Date().getUTCHours() + 2) % 24;
    const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
    await setRisk(app, u, { trading_hours: { enabled: true, start: hh(closedHour), end: hh((closedHour + 1) % 24), timezone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] } });
    const res = await sendAlert<Answer & { risk_blocked?: { rule: string; detail: string } }>(app, "paper", entry(a.api_key, { action: "reverse", side: "sell", qty: 0.01 }));
    expect(res.status).toBe(200);
    expect(res.body.risk_blocked?.rule).toBe("trading_hours");
    expect(await openPositions(u)).toEqual([]);
    const [order] = await app.db.query<{ action: string; side: string; status: string }>("select action, side, status from public.orders where account_id = $1 order by created_at desc limit 1", [a.id]);
    expect(order).toEqual({ action: "exit", side: "sell", status: "filled" });
    const [event] = await app.db.query<{ outcome: string; reason: string }>("select outcome, reason from public.webhook_events where account_id = $1 order by id desc limit 1", [a.id]);
    expect(event.outcome).toBe("accepted");
    expect(event.reason).toMatch(/^Reverse: the position was closed; opening the other side was blocked \(trading_hours\)/);
  });
});

describe("denied instruments by another name", () => {
  test("denying GOLD (a broker's name for it) blocks an OANDA:XAUUSD alert; denying US100 blocks NAS100", async () => {
    const { u, a } = await fresh();
    feed.set("XAUUSD", { bid: 2000, ask: 2000.5 });
    feed.set("NAS100", { bid: 17500, ask: 17501 });
    await setRisk(app, u, { denied_instruments: ["gold", "US100"] });
    const gold = await sendAlert<Answer>(app, "paper", entry(a.api_key, { symbol: "OANDA:XAUUSD", qty: 0.01 }));
    expect(gold.status).toBe(422);
    expect(gold.body).toMatchObject({ code: "risk_blocked", rule: "denied_instruments" });
    const nas = await sendAlert<Answer>(app, "paper", entry(a.api_key, { symbol: "NAS100", qty: 0.1 }));
    expect(nas.body).toMatchObject({ code: "risk_blocked", rule: "denied_instruments" });
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }))).status).toBe(200);
  });
});

describe("plan allowance", () => {
  test("an order the paper broker rejects (margin) does not use up a trial trade", async () => {
    const { a, u } = await fresh();
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 100 }));
    expect(res.body).toMatchObject({ code: "broker_rejected", broker_code: "insufficient_margin" });
    const rows = await app.db.query<{ trades: number }>("select trades from public.plan_usage where user_id = $1", [u.id]);
    expect(rows.map((r) => r.trades)).not.toEqual([1]);
  });
});

describe("start-of-day equity of an account not synced yet", () => {
  test("an equity of 0 is unknown, not the day's start: the % limit pauses entries until the equity is known, then measures from it", async () => {
    const { u, a } = await fresh();
    await setRisk(app, u, { max_daily_loss_pct: 2 });
    await app.db.query("update public.broker_accounts set equity = 0, balance = 0 where id = $1", [a.id]);
    const paused = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.01 }));
    expect(paused.body).toMatchObject({ code: "risk_blocked", rule: "max_daily_loss_pct" });
    expect(paused.body.detail).toMatch(/cannot be checked/);
    await app.db.query("update public.broker_accounts set equity = 100000, balance = 100000 where id = $1", [a.id]);
    const ok = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.01 }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
