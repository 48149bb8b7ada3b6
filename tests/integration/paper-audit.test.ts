import { describe, expect, test } from "vitest";
import type { TestApp } from "../support/test-app";
import { paperTestApp } from "../support/paper-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { registerAdapter } from "../../brokers/registry";
import { PaperAdapter } from "../../brokers/paper/adapter";
import { BrokerError } from "../../brokers/types";
import { ManualFeed } from "../../lib/market/price-feed";
import { paperTick } from "../../lib/execution/paper-engine";
import { settleOrder } from "../../lib/execution/settle-order";

let app: TestApp;
const feed = paperTestApp({ EURUSD: { bid: 1.1, ask: 1.1002 }, USDJPY: { bid: 150, ask: 150.02 }, XAUUSD: { bid: 2000, ask: 2000.5 } }, (a) => (app = a));

type Pos = { id: string; symbol: string; side: string; qty: number; entry_price: number; status: string; unrealized_pnl: number; realized_pnl: number; stop_loss: number | null; take_profit: number | null };

async function fresh(): Promise<{ u: TestUser; a: TestAccount }> {
  const u = await newUser(app);
  const a = await newPaperAccount(app, u);
  return { u, a };
}
const positions = async (u: TestUser, q = "") => (await call<{ positions: Pos[] }>(app, "GET", `/positions${q}`, undefined, { token: u.token })).body.positions;

/** The exit of a 1-lot EURUSD long that a close recorded (pending) before the broker answered. */
async function pendingExit(u: TestUser, a: TestAccount, positionId: string): Promise<{ id: string }> {
  const [exit] = await app.db.query<{ id: string }>(
    `insert into public.orders (user_id, account_id, broker, symbol, action, side, type, qty, value_per_point, status, position_id, source)
     values ($1, $2, 'paper', 'EURUSD', 'exit', 'sell', 'market', 1, 100000, 'pending', $3, 'manual') returning id`,
    [u.id, a.id, positionId],
  );
  return exit;
}

describe("paper broker audit", () => {
  test("a sell entry that only reduces a long keeps the long's stop loss and take profit (it is not stopped out on the next tick)", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.5, sl: { mode: "price", value: 1.095 }, tp: { mode: "price", value: 1.11 } }));
    // A short's levels: stop above, target below. Netted against the long they must not become the long's.
    const reduce = await sendAlert(app, "paper", entry(a.api_key, { side: "sell", qty: 0.2, sl: { mode: "price", value: 1.105 }, tp: { mode: "price", value: 1.09 } }));
    expect(reduce.status).toBe(200);
    const [p] = await positions(u);
    expect(p).toMatchObject({ side: "buy", qty: 0.3, stop_loss: 1.095, take_profit: 1.11 });
    await paperTick(new Date(Date.now() + 1_000));
    expect(await positions(u)).toHaveLength(1);
  });

  test("an exit fill that arrives after its position was closed another way opens nothing", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    const [long] = await positions(u);
    // The exit a close recorded (pending) before the broker answered…
    const exit = await pendingExit(u, a, long.id);
    // …meanwhile a reverse closes the long and opens a short of 0.3.
    const rev = await sendAlert(app, "paper", entry(a.api_key, { action: "reverse", side: "sell", qty: 0.3 }));
    expect(rev.status).toBe(200);
    // The broker's answer to the old exit arrives: it must not be booked as a new sell.
    await settleOrder(exit.id, { status: "filled", filledQty: 1, avgPrice: 1.1, brokerOrderId: "late" });
    const open = await positions(u);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ side: "sell", qty: 0.3 });
  });

  test("the exit of a position that is already flat opens no position", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    const [long] = await positions(u);
    const exit = await pendingExit(u, a, long.id);
    const flat = await sendAlert(app, "paper", entry(a.api_key, { side: "sell", qty: 1 }));
    expect(flat.status).toBe(200);
    expect(await positions(u)).toHaveLength(0);
    await settleOrder(exit.id, { status: "filled", filledQty: 1, avgPrice: 1.1, brokerOrderId: "late" });
    expect(await positions(u)).toHaveLength(0);
  });

  test("POST /positions/{id}/close twice at once: one close, one 409", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    const [p] = await positions(u);
    const [r1, r2] = await Promise.all([1, 2].map(() => call(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token })));
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    expect(loser.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(loser.body).toMatchObject({ status: 409, code: "conflict" });
    const exits = await app.db.query<{ status: string }>("select status from public.orders where position_id = $1 and action = 'exit'", [p.id]);
    expect(exits).toEqual([{ status: "filled" }]);
    const [acc] = await app.db.query<{ balance: number }>("select balance from public.broker_accounts where id = $1", [a.id]);
    expect(acc.balance).toBeCloseTo(100_000 - 20, 2); // one spread of 0.0002 × 100,000, once
  });

  test("USDJPY: P&L of a lot is the yen move × 100,000 converted at the USDJPY rate", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "USDJPY", qty: 1 }));
    feed.set("USDJPY", { bid: 150.52, ask: 150.54 });
    const [p] = await positions(u);
    const closed = await call<{ realized_pnl: number }>(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
    // (150.52 − 150.02) × 100,000 JPY / 150.53 ≈ USD 332.16
    expect(closed.body.realized_pnl).toBeCloseTo((0.5 * 100_000) / 150.53, 1);
  });

  test("a short's trailing stop only moves down and closes at the ask that reached it", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", side: "sell", qty: 0.1, trailing: { mode: "points", value: 5 } }));
    feed.set("XAUUSD", { bid: 1990, ask: 1990.5 });
    await paperTick();
    feed.set("XAUUSD", { bid: 1993, ask: 1993.5 });
    await paperTick();
    const [row] = await app.db.query<{ trailing_stop: { stop: number } }>("select trailing_stop from public.positions where account_id = $1", [a.id]);
    expect(row.trailing_stop.stop).toBeCloseTo(1995.5, 6);
    expect(await positions(u)).toHaveLength(1);
    feed.set("XAUUSD", { bid: 1996, ask: 1996.5 });
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    const [closed] = await positions(u, "?status=closed");
    expect(closed.realized_pnl).toBeCloseTo((2000 - 1996.5) * 100 * 0.1, 2);
  });

  test("POST /emergency-stop while an alert is being filled leaves no position open", async () => {
    const { u, a } = await fresh();
    // A paper fill that takes a moment (inside the alert's transaction, after it saw the account enabled).
    let entered!: () => void;
    const inFill = new Promise<void>((r) => (entered = r));
    class SlowPaper extends PaperAdapter {
      override async placeOrder(...args: Parameters<PaperAdapter["placeOrder"]>) {
        entered();
        await new Promise((r) => setTimeout(r, 300));
        return super.placeOrder(...args);
      }
    }
    registerAdapter(new SlowPaper(feed));
    try {
      const alert = sendAlert(app, "paper", entry(a.api_key, { qty: 0.01 }));
      await inFill;
      const stop = await call<{ positions_closed: number; errors: unknown[] }>(app, "POST", "/emergency-stop", undefined, { token: u.token });
      expect(stop.status).toBe(200);
      const answered = await alert;
      // Either the alert got in first and the stop closed its position, or it was refused.
      expect(stop.body.positions_closed + (answered.status === 403 ? 1 : 0)).toBe(1);
      expect(await positions(u)).toEqual([]);
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
  });
  test("equity is back to the balance once the last position closes, even at zero P&L", async () => {
    const { u, a } = await fresh();
    const t0 = Date.now() + 3_600_000;
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    await paperTick(new Date(t0)); // marks at the bid: −20 of spread, persisted
    const account = async () => (await call<{ accounts: { balance: number; equity: number }[] }>(app, "GET", "/accounts", undefined, { token: u.token })).body.accounts[0];
    expect(await account()).toMatchObject({ balance: 100_000, equity: 99_980 });
    feed.set("EURUSD", { bid: 1.1002, ask: 1.1004 });
    const [p] = await positions(u);
    const closed = await call<{ realized_pnl: number }>(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
    expect(closed.body.realized_pnl).toBe(0);
    await paperTick(new Date(t0 + 120_000));
    expect(await account()).toMatchObject({ balance: 100_000, equity: 100_000 });
  });

  test("a partial close keeps the rest's running P&L in equity and in the equity snapshot it writes", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 })); // long 1 at the ask 1.1002
    feed.set("EURUSD", { bid: 1.1052, ask: 1.1054 }); // +50 pips at the bid: +500 open
    const [p] = await positions(u);
    const half = await call<{ realized_pnl: number }>(app, "POST", `/positions/${p.id}/close`, { qty: 0.5 }, { token: u.token });
    expect(half.body.realized_pnl).toBe(250);
    const [rest] = await positions(u);
    expect(rest).toMatchObject({ qty: 0.5, unrealized_pnl: 250 });
    const [acc] = await app.db.query<{ balance: number; equity: number }>("select balance, equity from public.broker_accounts where id = $1", [a.id]);
    expect(acc).toEqual({ balance: 100_250, equity: 100_500 });
    const [snap] = await app.db.query<{ equity: number }>("select equity from public.equity_history where account_id = $1 order by t desc, id desc limit 1", [a.id]);
    expect(snap.equity).toBe(100_500);
  });

  test("a limit reverse of an open position is refused (its fill could open the closing part too); with nothing open it rests", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 1 }));
    const refused = await sendAlert<{ code: string; detail: string }>(app, "paper", entry(a.api_key, { action: "reverse", side: "sell", type: "limit", price: 1.103, qty: 0.3 }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("constraint_violation");
    expect(refused.body.detail).toContain("send an exit and then a limit entry");
    const [long] = await positions(u);
    await call(app, "POST", `/positions/${long.id}/close`, undefined, { token: u.token });
    const rests = await sendAlert<{ status: string }>(app, "paper", entry(a.api_key, { action: "reverse", side: "sell", type: "limit", price: 1.103, qty: 0.3 }));
    expect(rests.status).toBe(200);
    expect(rests.body.status).toBe("submitted");
  });

  test("the paper broker keeps margin: positions and the account carry it, an entry beyond free margin is refused, a close frees it", async () => {
    const { u, a } = await fresh();
    const account = async () => (await call<{ accounts: { balance: number; equity: number; margin: number }[] }>(app, "GET", "/accounts", undefined, { token: u.token })).body.accounts[0];
    // EURUSD at 1:100: 40 lots at the ask 1.1002 tie up 44,008 of the 100,000.
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 40 }))).status).toBe(200);
    expect((await positions(u))[0]).toMatchObject({ qty: 40 });
    expect((await account()).margin).toBe(44_008);
    expect((await sendAlert(app, "paper", entry(a.api_key, { qty: 40 }))).status).toBe(200);
    expect((await account()).margin).toBe(88_016);
    const refused = await sendAlert<{ code: string; detail: string; broker_code?: string }>(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 2 }));
    expect(refused.status).toBe(422);
    expect(refused.body, JSON.stringify(refused.body)).toMatchObject({ code: "broker_rejected", broker_code: "insufficient_margin" });
    expect(refused.body.detail).toMatch(/Not enough free margin: 2 XAUUSD needs 20,005.00, and 11,984.00 is free \(equity .* − margin in use 88,016.00\)/);
    // Reducing never needs margin; the marks keep the account's margin at the positions' sum.
    expect((await sendAlert(app, "paper", entry(a.api_key, { side: "sell", qty: 30 }))).status).toBe(200);
    await paperTick(new Date(Date.now() + 3_600_000));
    const [p] = await positions(u);
    const [{ margin: held }] = await app.db.query<{ margin: number }>("select margin from public.positions where id = $1", [p.id]);
    expect(held).toBe(55_000); // 50 lots marked at the bid 1.1000
    expect((await account()).margin).toBe(55_000);
    await call(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
    expect((await account()).margin).toBe(0);
  });

  test("20 concurrent 20-lot entries on 100,000 fit four times in free margin: four fill, sixteen are refused", async () => {
    const { u, a } = await fresh();
    const answers = await Promise.all(Array.from({ length: 20 }, () => sendAlert<{ broker_code?: string }>(app, "paper", entry(a.api_key, { qty: 20 }))));
    expect(answers.filter((r) => r.status === 200), JSON.stringify(answers.map((r) => r.body))).toHaveLength(4);
    expect(answers.filter((r) => r.status === 422 && r.body.broker_code === "insufficient_margin")).toHaveLength(16);
    expect((await positions(u))[0]).toMatchObject({ qty: 80 });
  });

  test("a resting entry of a disabled account does not fill until the account is enabled again", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { type: "limit", price: 1.099, qty: 0.1 }));
    await app.db.query("update public.broker_accounts set enabled = false where id = $1", [a.id]);
    feed.set("EURUSD", { bid: 1.0985, ask: 1.0987 });
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    await app.db.query("update public.broker_accounts set enabled = true where id = $1", [a.id]);
    await paperTick();
    expect(await positions(u)).toHaveLength(1);
  });

  test("resting orders: a sell limit fills only at or above its limit, a sell stop at the bid once the bid reaches it", async () => {
    const { u, a } = await fresh();
    const limit = await sendAlert<{ status: string }>(app, "paper", entry(a.api_key, { side: "sell", type: "limit", price: 1.102, qty: 0.1 }));
    expect(limit.body.status).toBe("submitted");
    feed.set("EURUSD", { bid: 1.1019, ask: 1.1021 });
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    feed.set("EURUSD", { bid: 1.1025, ask: 1.1027 });
    await paperTick();
    let [p] = await positions(u);
    expect(p).toMatchObject({ side: "sell", entry_price: 1.1025 });
    await call(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
    await sendAlert(app, "paper", entry(a.api_key, { side: "sell", type: "stop", price: 1.1, qty: 0.1 }));
    feed.set("EURUSD", { bid: 1.1001, ask: 1.1003 });
    await paperTick();
    expect(await positions(u)).toHaveLength(0);
    feed.set("EURUSD", { bid: 1.0995, ask: 1.0997 }); // gaps through the stop
    await paperTick();
    [p] = await positions(u);
    expect(p).toMatchObject({ side: "sell", entry_price: 1.0995 });
  });

  test("GET /orders pages through rows sharing one timestamp without duplicates or gaps", async () => {
    const { u, a } = await fresh();
    await app.db.query(
      "insert into public.orders (user_id, account_id, broker, symbol, side, qty, status, created_at) select $1, $2, 'paper', 'EURUSD', 'buy', 1, 'filled', '2026-01-01 00:00:00+00' from generate_series(1, 7)",
      [u.id, a.id],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { orders: { id: string }[]; next_cursor: string | null } } = await call(app, "GET", `/orders?limit=3${cursor ? `&cursor=${cursor}` : ""}`, undefined, { token: u.token });
      seen.push(...page.body.orders.map((o) => o.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  test("POST /emergency-stop reports a position it cannot close and still closes the others", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 0.1 }));
    const partial = new ManualFeed({ EURUSD: { bid: 1.1, ask: 1.1002 } });
    registerAdapter(new PaperAdapter(partial));
    try {
      const res = await call<{ positions_closed: number; accounts_disabled: number; errors: { account_id: string; position_id?: string; symbol?: string; error: string }[] }>(app, "POST", "/emergency-stop", undefined, { token: u.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ positions_closed: 1, accounts_disabled: 1 });
      expect(res.body.errors).toEqual([expect.objectContaining({ account_id: a.id, symbol: "XAUUSD", position_id: expect.any(String), error: expect.any(String) })]);
      const open = await positions(u);
      expect(open.map((p) => p.symbol)).toEqual(["XAUUSD"]);
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
  });
  test("POST /positions/{id}/close refused by the broker → 422 broker_rejected with the broker's code; the position stays open", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    const [p] = await positions(u);
    class ClosedMarket extends PaperAdapter {
      override async closePosition() {
        return { status: "rejected" as const, reason: "Market is closed", brokerCode: "market_closed" };
      }
    }
    registerAdapter(new ClosedMarket(feed));
    try {
      const res = await call<{ code: string; broker_code: string; status: number }>(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: "broker_rejected", broker_code: "market_closed" });
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
    expect(await positions(u)).toHaveLength(1);
    expect((await call(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token })).status).toBe(200);
  });
  test("POST /positions/{id}/close when the broker is down → 503 unavailable problem, not a 500", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    const [p] = await positions(u);
    class Down extends PaperAdapter {
      override async instrument(): Promise<never> {
        throw new BrokerError("connection refused", "unavailable");
      }
    }
    registerAdapter(new Down(feed));
    try {
      const res = await call<{ code: string; status: number }>(app, "POST", `/positions/${p.id}/close`, undefined, { token: u.token });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 503, code: "unavailable" });
      const stop = await call<{ errors: { error: string }[] }>(app, "POST", "/emergency-stop", undefined, { token: u.token });
      expect(stop.status).toBe(200);
      expect(stop.body.errors).toEqual([expect.objectContaining({ position_id: p.id, error: expect.stringContaining("connection refused") })]);
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
  });

  test("POST /emergency-stop does not show an internal error's message to the trader", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    class Broken extends PaperAdapter {
      override async instrument(): Promise<never> {
        throw new Error("relation public.secret_internal_table does not exist");
      }
    }
    registerAdapter(new Broken(feed));
    try {
      const stop = await call<{ errors: { error: string }[] }>(app, "POST", "/emergency-stop", undefined, { token: u.token });
      expect(stop.status).toBe(200);
      expect(stop.body.errors).toHaveLength(1);
      expect(stop.body.errors[0].error).not.toMatch(/secret_internal_table/);
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
  });
  test("the paper engine still stops out positions when another position's symbol has no price", async () => {
    const { u, a } = await fresh();
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", qty: 0.1 }));
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1, sl: { mode: "price", value: 1.095 } }));
    // A feed that lost gold (a replay without its bars) and a EURUSD quote through the stop.
    registerAdapter(new PaperAdapter(new ManualFeed({ EURUSD: { bid: 1.094, ask: 1.0942 } })));
    try {
      const report = await paperTick(new Date(Date.now() + 5 * 3_600_000));
      expect(report.closed).toBeGreaterThanOrEqual(1);
      expect((await positions(u)).map((p) => p.symbol)).toEqual(["XAUUSD"]);
    } finally {
      registerAdapter(new PaperAdapter(feed));
    }
  });
});
