import { describe, expect, test } from "vitest";
import type { TestApp } from "../support/test-app";
import { paperTestApp } from "../support/paper-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { setRisk } from "../support/settings";
import { paperTick } from "../../lib/execution/paper-engine";

let app: TestApp;
const feed = paperTestApp({ EURUSD: { bid: 1.1, ask: 1.1002 }, GBPUSD: { bid: 1.25, ask: 1.2502 }, XAUUSD: { bid: 2000, ask: 2000.5 } }, (a) => (app = a));

type Pos = { id: string; symbol: string; side: string; qty: number; entry_price: number; status: string; unrealized_pnl: number; realized_pnl: number; stop_loss: number | null; take_profit: number | null };
type Answer = { ok?: boolean; order_id?: string; status?: string; code?: string; rule?: string; detail?: string; avg_price?: number; realized_pnl?: number };

async function fresh(extra: Record<string, unknown> = {}): Promise<{ u: TestUser; a: TestAccount }> {
  const u = await newUser(app);
  const a = await newPaperAccount(app, u, extra);
  return { u, a };
}
const positions = async (u: TestUser, q = "") => (await call<{ positions: Pos[] }>(app, "GET", `/positions${q}`, undefined, { token: u.token })).body.positions;

describe("orders and positions on the paper broker", () => {
  test("entry → partial exit → full exit, with realised P&L in USD", async () => {
    const { u, a } = await fresh();
    const opened = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 1 }));
    expect(opened.body).toMatchObject({ status: "filled", avg_price: 1.1002 });
    feed.set("EURUSD", { bid: 1.101, ask: 1.1012 });
    const partial = await sendAlert<Answer>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "EURUSD", qty: 0.4 } });
    expect(partial.status).toBe(200);
    let [p] = await positions(u);
    expect(p.qty).toBe(0.6);
    expect(p.realized_pnl).toBeCloseTo(32, 2); // (1.1010 − 1.1002) × 0.4 lot × 100,000
    const full = await sendAlert<Answer>(app, "paper", { api_key: a.api_key, ticker: "EURUSD", action: "sell", sentiment: "flat" });
    expect(full.status).toBe(200);
    expect(await positions(u)).toHaveLength(0);
    [p] = await positions(u, "?status=closed");
    expect(p.status).toBe("closed");
    expect(p.realized_pnl).toBeCloseTo(80, 2);
    const list = await call<{ accounts: { balance: number }[] }>(app, "GET", "/accounts", undefined, { token: u.token });
    expect(list.body.accounts[0].balance).toBeCloseTo(100_080, 2);
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
  });

  test("exit with nothing open → 409; reverse flips the position", async () => {
    const { u, a } = await fresh();
    const none = await sendAlert<Answer>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "GBPUSD" } });
    expect(none.status).toBe(409);
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "GBPUSD", qty: 0.5 }));
    const rev = await sendAlert<Answer>(app, "paper", entry(a.api_key, { action: "reverse", side: "sell", symbol: "GBPUSD", qty: 0.3 }));
    expect(rev.status).toBe(200);
    const [p] = await positions(u, "?symbol=GBPUSD");
    expect(p).toMatchObject({ side: "sell", qty: 0.3 });
  });

  test("risk_pct sizing with a pip stop, SL/TP prices and rounding down to the lot step", async () => {
    const { u, a } = await fresh({ credentials: { starting_balance: 10_000 } });
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty_mode: "risk_pct", qty: 1, sl: { mode: "pips", value: 20 }, tp: { mode: "rr", value: 2 } }));
    expect(res.status).toBe(200);
    const [p] = await positions(u);
    // 1% of 10,000 = $100 at a 20-pip stop ($10/pip per lot) → 0.5 lot.
    expect(p.qty).toBe(0.5);
    expect(p.stop_loss).toBeCloseTo(1.0982, 6);
    expect(p.take_profit).toBeCloseTo(1.1042, 6);
  });

  test("a quantity below the instrument's minimum → 422 constraint_violation, nothing recorded", async () => {
    const { a } = await fresh();
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.001 }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("constraint_violation");
    expect(await app.db.query("select 1 from public.orders where account_id = $1", [a.id])).toHaveLength(0);
  });

  test("the trading config fills what the alert leaves out (qty and SL %)", async () => {
    const { u, a } = await fresh();
    const put = await call(app, "PUT", "/trading-config", { lot_size_mode: "fixed", fixed_lot_size: 0.25, risk_pct: 1, sl_percentage: 1, tp_percentage: null, risk_reward_ratio: 2, use_trailing_sl: false, trailing_pct: null }, { token: u.token });
    expect(put.status).toBe(200);
    const res = await sendAlert<Answer>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { side: "buy", symbol: "EURUSD" } });
    expect(res.status).toBe(200);
    const [p] = await positions(u);
    expect(p.qty).toBe(0.25);
    expect(p.stop_loss).toBeGreaterThan(1.08);
    expect(p.take_profit).toBeGreaterThan(1.12);
    // Values the columns cannot hold are 400s naming the field, never 500s or a silent 0.
    const body = { lot_size_mode: "fixed", fixed_lot_size: 0.25, risk_pct: 1, sl_percentage: 1, tp_percentage: null, risk_reward_ratio: 2, use_trailing_sl: false, trailing_pct: null };
    for (const [field, value] of [["tp_percentage", 1000], ["risk_pct", 0.0004], ["fixed_lot_size", 1e-7]] as const) {
      const bad = await call<{ errors: { path: string }[] }>(app, "PUT", "/trading-config", { ...body, [field]: value }, { token: u.token });
      expect(bad.status, field).toBe(400);
      expect(bad.body.errors.map((e) => e.path)).toEqual([field]);
    }
  });

  test("the paper engine: P&L marks, stop loss and take profit trigger on ticks", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 1, sl: { mode: "price", value: 1990 }, tp: { mode: "price", value: 2010 } }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "EURUSD", side: "sell", qty: 1, tp: { mode: "price", value: 1.09 } }));
    feed.set("XAUUSD", { bid: 2005, ask: 2005.5 });
    await paperTick(new Date(Date.now() + 10_000));
    let open = await positions(u);
    expect(open.find((p) => p.symbol === "XAUUSD")?.unrealized_pnl).toBeCloseTo(450, 0);
    feed.set("XAUUSD", { bid: 1989, ask: 1989.5 });
    feed.set("EURUSD", { bid: 1.0898, ask: 1.09 });
    const report = await paperTick(new Date(Date.now() + 20_000));
    expect(report.closed).toBeGreaterThanOrEqual(2);
    open = await positions(u);
    expect(open).toHaveLength(0);
    const closed = await positions(u, "?status=closed");
    const gold = closed.find((p) => p.symbol === "XAUUSD")!;
    expect(gold.realized_pnl).toBeCloseTo((1989 - 2000.5) * 100, 0);
    const orders = await call<{ orders: { source: string }[] }>(app, "GET", "/orders", undefined, { token: u.token });
    expect(orders.body.orders.map((o) => o.source)).toEqual(expect.arrayContaining(["stop_loss", "take_profit"]));
    feed.set("XAUUSD", { bid: 2000, ask: 2000.5 });
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
  });

  test("a trailing stop only tightens and closes when reached", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 0.1, trailing: { mode: "points", value: 5 } }));
    feed.set("XAUUSD", { bid: 2010, ask: 2010.5 });
    await paperTick();
    feed.set("XAUUSD", { bid: 2007, ask: 2007.5 });
    await paperTick();
    expect(await positions(u)).toHaveLength(1);
    feed.set("XAUUSD", { bid: 2004.9, ask: 2005.4 });
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    feed.set("XAUUSD", { bid: 2000, ask: 2000.5 });
  });

  test("a limit order rests, fills when the price crosses, and cancel removes resting orders", async () => {
    const { u, a } = await fresh();
    const limit = await sendAlert<Answer>(app, "paper", entry(a.api_key, { type: "limit", price: 1.095, qty: 0.1 }));
    expect(limit.body.status).toBe("submitted");
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    feed.set("EURUSD", { bid: 1.0948, ask: 1.095 });
    await paperTick();
    const [p] = await positions(u);
    expect(p.entry_price).toBe(1.095);
    const second = await sendAlert<Answer>(app, "paper", entry(a.api_key, { type: "stop", price: 1.2, qty: 0.1 }));
    expect(second.body.status).toBe("submitted");
    const cancel = await sendAlert<{ orders_cancelled: number }>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "cancel" } });
    expect(cancel.body.orders_cancelled).toBe(1);
    const [o] = await app.db.query<{ status: string }>("select status from public.orders where id = $1", [second.body.order_id]);
    expect(o.status).toBe("cancelled");
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
  });

  test("exit_all flattens the account", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "EURUSD" }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "GBPUSD" }));
    const res = await sendAlert<{ positions_closed: number; status: string }>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit_all" } });
    expect(res.body).toMatchObject({ positions_closed: 2, status: "filled" });
    expect(await positions(u)).toHaveLength(0);
    const keyed = { version: "unify.v1", api_key: a.api_key, id: "flat-1", intent: { action: "exit_all" } };
    await sendAlert(app, "paper", keyed);
    const replay = await sendAlert(app, "paper", keyed);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("trading endpoints", () => {
  test("POST /order with a session (bare intent + account_id) and with an API key", async () => {
    const { u, a } = await fresh();
    const bySession = await call<Answer>(app, "POST", "/order", { account_id: a.id, side: "buy", symbol: "EURUSD", qty: 0.1 }, { token: u.token });
    expect(bySession.status).toBe(200);
    const byKey = await call<Answer>(app, "POST", "/order", { intent: { side: "sell", symbol: "EURUSD", qty: 0.1 }, version: "unify.v1" }, { headers: { authorization: `Bearer ${a.api_key}` } });
    expect(byKey.status).toBe(200);
    const other = await newUser(app);
    const foreign = await call(app, "POST", "/order", { account_id: a.id, side: "buy", symbol: "EURUSD" }, { token: other.token });
    expect(foreign.status).toBe(404);
  });

  test("POST /positions/{id}/close closes it (partial with qty); someone else's → 404", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    const [p] = await positions(u);
    const other = await newUser(app);
    expect((await call(app, "POST", `/positions/${p.id}/close`, {}, { token: other.token })).status).toBe(404);
    const part = await call<Answer>(app, "POST", `/positions/${p.id}/close`, { qty: 0.25 }, { token: u.token });
    expect(part.status).toBe(200);
    expect((await positions(u))[0].qty).toBe(0.75);
    const all = await call<Answer>(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
    expect(all.body).toMatchObject({ ok: true, status: "filled" });
    expect(typeof all.body.realized_pnl).toBe("number");
    expect((await call(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token })).status).toBe(409);
  });

  test("GET /orders pages with a cursor and filters by status and symbol", async () => {
    const { u, a } = await fresh();
    for (let i = 0; i < 5; i++) await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }));
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01, symbol: "GBPUSD" }));
    const page1 = await call<{ orders: { id: string }[]; next_cursor: string }>(app, "GET", "/orders?limit=4", undefined, { token: u.token });
    expect(page1.body.orders).toHaveLength(4);
    const page2 = await call<{ orders: { id: string }[]; next_cursor: string | null }>(app, "GET", `/orders?limit=4&cursor=${page1.body.next_cursor}`, undefined, { token: u.token });
    expect(page2.body.orders).toHaveLength(2);
    expect(page2.body.next_cursor).toBeNull();
    const ids = [...page1.body.orders, ...page2.body.orders].map((o) => o.id);
    expect(new Set(ids).size).toBe(6);
    const gbp = await call<{ orders: unknown[] }>(app, "GET", "/orders?symbol=GBPUSD&status=filled", undefined, { token: u.token });
    expect(gbp.body.orders).toHaveLength(1);
    expect((await call(app, "GET", "/orders?cursor=garbage", undefined, { token: u.token })).status).toBe(400);
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }), { headers: { "x-correlation-id": "trail-1" } });
    const trail = await call<{ orders: { correlation_id: string }[] }>(app, "GET", "/orders?correlation_id=trail-1", undefined, { token: u.token });
    expect(trail.body.orders.map((o) => o.correlation_id)).toEqual(["trail-1"]);
    expect((await call(app, "GET", "/orders?status=weird", undefined, { token: u.token })).status).toBe(400);
  });

  test("GET /orders pagination keeps rows created within the same millisecond", async () => {
    const { u, a } = await fresh();
    for (let i = 1; i <= 5; i++) {
      await app.db.query(
        "insert into public.orders (user_id, account_id, broker, symbol, side, qty, status, created_at) values ($1, $2, 'paper', 'EURUSD', 'buy', 1, 'filled', $3::timestamptz)",
        [u.id, a.id, `2026-01-01 00:00:00.000${i}00+00`],
      );
    }
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { orders: { id: string }[]; next_cursor: string | null } } = await call(app, "GET", `/orders?limit=2${cursor ? `&cursor=${cursor}` : ""}`, undefined, { token: u.token });
      for (const o of page.body.orders) seen.add(o.id);
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.size).toBe(5);
  });

  test("POST /emergency-stop flattens everything, disables accounts and blocks new alerts", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "EURUSD" }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 0.1 }));
    await sendAlert(app, "paper", entry(a.api_key, { type: "limit", price: 1.0, qty: 0.1 }));
    const res = await call<{ positions_closed: number; orders_cancelled: number; accounts_disabled: number; total_pnl: number; errors: unknown[] }>(app, "POST", "/emergency-stop", undefined, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ positions_closed: 2, orders_cancelled: 1, accounts_disabled: 1, errors: [] });
    expect(typeof res.body.total_pnl).toBe("number");
    expect(await positions(u)).toHaveLength(0);
    const blocked = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("account_disabled");
  });

  test("GET/PUT /risk with a per-broker override; bad settings → 400 with the field", async () => {
    const { u, a } = await fresh();
    const defaults = await call<{ enabled: boolean; broker: string; is_override: boolean }>(app, "GET", "/risk", undefined, { token: u.token });
    expect(defaults.body).toMatchObject({ enabled: true, broker: "default", is_override: false });
    await setRisk(app, u, { denied_instruments: ["XAUUSD"] }, "paper");
    const override = await call<{ is_override: boolean; denied_instruments: string[] }>(app, "GET", "/risk?broker=paper", undefined, { token: u.token });
    expect(override.body).toMatchObject({ is_override: true, denied_instruments: ["XAUUSD"] });
    const blockedAlert = entry(a.api_key, { symbol: "OANDA:XAUUSD", qty: 0.1 }, { id: "blocked-once" });
    const blocked = await sendAlert<Answer>(app, "paper", blockedAlert);
    expect(blocked.status).toBe(422);
    expect(blocked.body).toMatchObject({ code: "risk_blocked", rule: "denied_instruments" });
    // The refusal is booked once, in one statement: its webhook event, its log line and the
    // answer a replay of the same id gets.
    const events = await app.db.query<{ outcome: string; status_code: number; code: string; rule: string; reason: string }>(
      "select outcome, status_code, code, rule, reason from public.webhook_events where account_id = $1",
      [a.id],
    );
    expect(events).toEqual([{ outcome: "rejected", status_code: 422, code: "risk_blocked", rule: "denied_instruments", reason: blocked.body.detail }]);
    const riskLogs = await call<{ logs: { message: string }[] }>(app, "GET", "/logs?type=risk", undefined, { token: u.token });
    expect(riskLogs.body.logs.map((l) => l.message).filter((m) => m.startsWith("Alert refused"))).toEqual([blocked.body.detail && `Alert refused (denied_instruments): ${blocked.body.detail}`]);
    const replay = await sendAlert<Answer>(app, "paper", blockedAlert);
    expect(replay.status).toBe(422);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toMatchObject({ code: "risk_blocked", rule: "denied_instruments", detail: blocked.body.detail });
    const bad = await call<{ errors: { path: string }[] }>(app, "PUT", "/risk", { ...defaults.body, broker: undefined, is_override: undefined, trading_hours: { enabled: true, start: "25:00", end: "16:00", timezone: "Mars/Olympus", days: [1] } }, { token: u.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["trading_hours.start", "trading_hours.timezone"]));
    expect((await call(app, "DELETE", "/risk?broker=paper", undefined, { token: u.token })).status).toBe(204);
    expect((await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 0.1 }))).status).toBe(200);
  });

  test("trading hours and the master switch", async () => {
    const { u, a } = await fresh();
    const now = new Date();
    const closedHour = (now.getUTCHours() + 2) % 24;
    const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
    await setRisk(app, u, { trading_hours: { enabled: true, start: hh(closedHour), end: hh((closedHour + 1) % 24), timezone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] } });
    const blocked = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(blocked.body.rule).toBe("trading_hours");
    await setRisk(app, u, { enabled: false });
    expect((await sendAlert(app, "paper", entry(a.api_key))).status).toBe(200);
  });

  test("max daily loss in USD blocks after realised losses", async () => {
    const { a, u } = await fresh();
    await setRisk(app, u, { max_daily_loss_usd: 50 });
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    feed.set("EURUSD", { bid: 1.099, ask: 1.0992 });
    await sendAlert(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: "EURUSD" } });
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(res.body).toMatchObject({ code: "risk_blocked", rule: "max_daily_loss_usd" });
  });

  test("POST /alerts/validate: normalised intent, sized order, blocking rule — nothing written", async () => {
    const { u, a } = await fresh();
    await setRisk(app, u, { denied_instruments: ["GBPUSD"] });
    const ok = await call<{ ok: boolean; order: { qty: number; stopLoss: number; takeProfit: number }; intent: { symbol: string } }>(
      app,
      "POST",
      "/alerts/validate",
      { api_key: a.api_key, ticker: "EURUSD", action: "buy", quantity: "0.37", stop_loss: "1.095", take_profit: "1.11" },
      { token: u.token },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.order).toMatchObject({ qty: 0.37, stopLoss: 1.095, takeProfit: 1.11 });
    const blocked = await call<{ ok: boolean; blocked_by: { rule: string } }>(app, "POST", "/alerts/validate", { side: "buy", symbol: "GBPUSD", qty: 0.1 }, { token: u.token });
    expect(blocked.body.blocked_by.rule).toBe("denied_instruments");
    const invalid = await call<{ errors: { path: string }[] }>(app, "POST", "/alerts/validate", { version: "unify.v1", intent: { side: "up", symbol: "EURUSD" } }, { token: u.token });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe("intent.side");
    expect(await app.db.query("select 1 from public.orders where account_id = $1", [a.id])).toHaveLength(0);
    expect((await call(app, "POST", "/alerts/validate", { side: "buy", symbol: "EURUSD" })).status).toBe(401);
  });
});

describe("news lockout and the economic calendar", () => {
  test("a calendar loaded from CSV blocks entries around a high-impact USD event; the refusal is in the activity log", async () => {
    const { importEconomicCalendar } = await import("../../lib/settings/economic-calendar-import");
    const soon = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const bad = await app.db.transaction((tx) => importEconomicCalendar(tx, `datetime_utc,currency,impact,title\nnot-a-date,USD,high,X\n`));
    expect(bad.imported).toBe(0);
    expect(bad.errors[0].line).toBe(2);
    const ok = await app.db.transaction((tx) => importEconomicCalendar(tx, `datetime_utc,currency,impact,title\n${soon},USD,high,"Fed Chair Speaks, Q&A"\n`));
    expect(ok.imported).toBe(1);
    const { u, a } = await fresh();
    await setRisk(app, u, { news_lockout: { enabled: true, minutes_before: 15, minutes_after: 15, min_impact: "high" } });
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(res.body).toMatchObject({ code: "risk_blocked", rule: "news_lockout" });
    const logs = await call<{ logs: { type: string; message: string }[] }>(app, "GET", "/logs?type=risk", undefined, { token: u.token });
    expect(logs.body.logs[0].message).toMatch(/news_lockout/);
  });
});
