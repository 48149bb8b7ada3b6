// TradeLocker through the whole pipeline: POST /accounts, webhooks, closes and flattening
// over HTTP, with the real adapter talking to the TradeLocker contract fake.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestApp } from "../../support/test-app";
import type { TestAccount } from "../../support/client";
import { entry, sendAlert } from "../../support/alerts";
import { startTradeLockerFake, type TradeLockerFake } from "../../fakes/tradelocker";
import { strategyIdFor } from "../../../brokers/tradelocker/strategy-id";
import { reconcilePending } from "../../../lib/execution/reconcile";
import { syncAccounts } from "../../../lib/execution/sync-accounts";
import {
  closePosition,
  connectedTrader,
  exitAll,
  expectConnectRefused,
  flatBook,
  listPositions,
  orderById,
  pendingThenFilled,
  startAppAgainst,
  stopAppAndFake,
  timed,
  tradeLockerCreds,
  withBrokerTimeout,
  type AlertAnswerBody,
} from "../../support/broker-fakes";

let app: TestApp;
let tl: TradeLockerFake;
const ACCOUNT_ID = 701001; // accNum 1, the first account of the fake's test login
const creds = () => tradeLockerCreds(tl);
/** Orders at TradeLocker that carry our order id (as strategyId: TradeLocker allows 31 characters). */
const brokerOrdersOf = (orderId: string) => tl.book.orders.filter((o) => o.strategyId === strategyIdFor(orderId) && o.role === "entry");
const buy = (a: TestAccount, intent: Record<string, unknown> = {}) => entry(a.api_key, { symbol: "EURUSD", qty: 0.5, price: 1.1, ...intent });

beforeAll(async () => {
  tl = await startTradeLockerFake();
  app = await startAppAgainst(tl, "TRADELOCKER_BASE_URL");
});
beforeEach(() => flatBook(tl, { EURUSD: 1.1, GBPUSD: 1.25 }));
afterEach(() => expect(tl.violations).toEqual([]));
afterAll(() => stopAppAndFake(app, tl, "TRADELOCKER_BASE_URL"));

const trader = () => connectedTrader(app, "tradelocker", creds());

describe("TradeLocker — connect and trade", () => {
  test("POST /accounts with a wrong password → 422 broker_rejected with a readable sentence, nothing stored", async () => {
    await expectConnectRefused(app, "tradelocker", { ...creds(), password: "Not-My-Password-7" }, /^tradelocker did not accept these credentials: TradeLocker did not accept this email, password and server/, ["Not-My-Password-7"]);
  });

  test("unify.v1 and TradingView alerts fill; the orders are at TradeLocker with our order id as strategyId", async () => {
    const { u, a } = await trader();
    const v1 = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a));
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ ok: true, status: "filled", filled_qty: 0.5, avg_price: expect.any(Number), broker_order_id: expect.any(String) });
    const flat = await sendAlert<AlertAnswerBody>(app, "tradelocker", { api_key: a.api_key, ticker: "OANDA:GBPUSD", action: "sell", quantity: "0.2", price: "1.25" });
    expect(flat.body).toMatchObject({ status: "filled", filled_qty: 0.2 });

    expect(brokerOrdersOf(v1.body.order_id!)).toEqual([expect.objectContaining({ accountId: ACCOUNT_ID, side: "buy", qty: 0.5, status: "Filled", validity: "IOC" })]);
    expect(brokerOrdersOf(flat.body.order_id!)).toEqual([expect.objectContaining({ side: "sell", qty: 0.2 })]);
    const positions = await listPositions(app, u);
    expect(positions.map((p) => [p.symbol, p.side, p.qty, p.status])).toEqual(
      expect.arrayContaining([
        ["EURUSD", "buy", 0.5, "open"],
        ["GBPUSD", "sell", 0.2, "open"],
      ]),
    );
  });

  test("a cancel alert cancels a resting limit at TradeLocker and records what TradeLocker then reports", async () => {
    const { u, a } = await trader();
    const limit = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a, { type: "limit", price: 1.09 }));
    expect(limit.body.status).toBe("submitted");
    const cancel = await sendAlert<{ orders_cancelled: number }>(app, "tradelocker", { version: "unify.v1", api_key: a.api_key, intent: { action: "cancel" } });
    expect(cancel.body.orders_cancelled).toBe(1);
    expect((await orderById(app, u, limit.body.order_id!))?.status).toBe("cancelled");
    expect(brokerOrdersOf(limit.body.order_id!).map((o) => o.status)).toEqual(["Cancelled"]);
  });

  test("POST /positions/{id}/close closes it at TradeLocker and in GET /positions, with the realised P&L", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "tradelocker", buy(a));
    const [position] = await listPositions(app, u);
    tl.setPrice("EURUSD", 1.101);
    const closed = await closePosition(app, u, position.id);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ ok: true, status: "filled" });
    expect(tl.book.openPositions(ACCOUNT_ID)).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
    const [history] = await listPositions(app, u, "?status=closed");
    // 0.5 lot × 100,000 × (1.101 − the fill price 1.1).
    expect(history.realized_pnl).toBeCloseTo(50, 2);
    expect(closed.body.realized_pnl).toBeCloseTo(50, 2);
  });

  test("exit_all flattens the account at TradeLocker and in GET /positions", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "tradelocker", buy(a));
    await sendAlert(app, "tradelocker", buy(a, { symbol: "GBPUSD", side: "sell", price: 1.25 }));
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", exitAll(a.api_key));
    expect(res.body).toMatchObject({ ok: true, status: "filled", positions_closed: 2, errors: [] });
    expect(tl.book.openPositions(ACCOUNT_ID)).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
  });

  test("risk_usd 100 on USDJPY at 150 with a 20-pip stop: 0.75 lots at TradeLocker (a point valued in the account's USD, not in yen)", async () => {
    const { a } = await trader();
    tl.setPrice("USDJPY", 150);
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a, { symbol: "USDJPY", price: 150, qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 20 } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, status: "filled", filled_qty: 0.75 });
    expect(brokerOrdersOf(res.body.order_id!)).toEqual([expect.objectContaining({ qty: 0.75, stopLoss: 149.8 })]);
  });
});

describe("TradeLocker — what the trader sees when things go wrong", () => {
  test("an expired token (401) is renewed by signing in again; the order fills once", async () => {
    const { a } = await trader();
    tl.failNextWith401(/\/orders$/);
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a));
    expect(res.body).toMatchObject({ status: "filled", filled_qty: 0.5 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
  });

  test("a 429 — with Retry-After or without — is waited out and the order fills once", async () => {
    const { a } = await trader();
    tl.respond429Next(1, /\/orders$/);
    const waited = await timed(() => sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a)));
    expect(waited.value.body).toMatchObject({ status: "filled" });
    expect(waited.ms).toBeGreaterThanOrEqual(1_000);
    tl.respond429Next(undefined, /\/orders$/);
    const backedOff = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a));
    expect(backedOff.body).toMatchObject({ status: "filled" });
    expect(brokerOrdersOf(waited.value.body.order_id!)).toHaveLength(1);
    expect(brokerOrdersOf(backedOff.body.order_id!)).toHaveLength(1);
  });

  test("TradeLocker slower than 2.5 s: `pending` within 2.6 s, then filled in the background — one order", async () => {
    const { a, u } = await trader();
    await withBrokerTimeout(6_000, async () => {
      tl.delayNextMs(3_000, { match: /\/orders$/ });
      const order = await pendingThenFilled(app, u, () => sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a)));
      expect(order).toMatchObject({ filled_qty: 0.5 });
      expect(brokerOrdersOf(order!.id)).toHaveLength(1);
    });
  });

  test("a connection dropped after TradeLocker took the order: `pending`, then the reconciler finds it — no second order", async () => {
    const { a, u } = await trader();
    tl.dropNextConnection();
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a));
    expect(res.body).toMatchObject({ ok: true, status: "pending" });
    await reconcilePending({ olderThanMs: 0 });
    expect(await orderById(app, u, res.body.order_id!)).toMatchObject({ status: "filled", filled_qty: 0.5 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
    expect(tl.book.orders.filter((o) => o.role === "entry")).toHaveLength(1);
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "EURUSD", qty: 0.5 })]);
  });

  test("a dropped connection on an order with SL and TP: the reconciler settles it filled with the entry's id, not as its working stop-loss order", async () => {
    const { a, u } = await trader();
    tl.dropNextConnection();
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a, { sl: { mode: "price", value: 1.09 }, tp: { mode: "price", value: 1.12 } }));
    expect(res.body).toMatchObject({ ok: true, status: "pending" });
    await reconcilePending({ olderThanMs: 0 });
    const [sent] = brokerOrdersOf(res.body.order_id!);
    expect(await orderById(app, u, res.body.order_id!)).toMatchObject({ status: "filled", filled_qty: 0.5, broker_order_id: String(sent.id) });
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "EURUSD", qty: 0.5 })]);
  });

  test("a resting limit with SL and TP that fills later is settled filled by the account sync", async () => {
    const { a, u } = await trader();
    const limit = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a, { type: "limit", price: 1.095, sl: { mode: "price", value: 1.08 }, tp: { mode: "price", value: 1.12 } }));
    expect(limit.body.status).toBe("submitted");
    tl.setPrice("EURUSD", 1.0949);
    await syncAccounts({ accountId: a.id });
    expect(await orderById(app, u, limit.body.order_id!)).toMatchObject({ status: "filled", filled_qty: 0.5, broker_order_id: limit.body.broker_order_id });
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "EURUSD", qty: 0.5 })]);
  });

  test("a refused order → 422 broker_rejected with TradeLocker's reason", async () => {
    const { a, u } = await trader();
    tl.rejectNextOrder("Not enough free margin");
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "broker_rejected", detail: "tradelocker rejected the order: Not enough free margin" });
    expect(await orderById(app, u, res.body.order_id!)).toMatchObject({ status: "rejected", reason: "Not enough free margin" });
    expect(await listPositions(app, u)).toEqual([]);
    // The alert's webhook event, booked as accepted with the order, now says what the broker answered.
    const events = await app.db.query("select outcome, status_code, code, order_id from public.webhook_events where account_id = $1", [a.id]);
    expect(events).toEqual([{ outcome: "rejected", status_code: 422, code: "broker_rejected", order_id: res.body.order_id }]);
  });

  test("a partial fill reports the filled quantity (IOC cancels the rest)", async () => {
    const { a, u } = await trader();
    tl.partialFillNext(0.5);
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", buy(a, { qty: 1 }));
    expect(res.body).toMatchObject({ ok: true, filled_qty: 0.5 });
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ qty: 0.5 })]);
  });
});
