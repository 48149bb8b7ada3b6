// Tradovate through the whole pipeline: POST /accounts, webhooks with TradingView
// continuous futures tickers, closes, flattening, penalty tickets and rate limits, against
// the Tradovate contract fake.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestApp } from "../../support/test-app";
import type { TestAccount } from "../../support/client";
import { entry, sendAlert } from "../../support/alerts";
import { startTradovateFake, type TradovateFake } from "../../fakes/tradovate";
import { frontMonth } from "../../fakes/front-month";
import { reconcilePending } from "../../../lib/execution/reconcile";
import {
  closePosition,
  connectedTrader,
  exitAll,
  expectConnectRefused,
  flatBook,
  listOrders,
  listPositions,
  orderById,
  pendingThenFilled,
  startAppAgainst,
  stopAppAndFake,
  timed,
  tradovateCreds,
  withBrokerTimeout,
  type AlertAnswerBody,
} from "../../support/broker-fakes";

let app: TestApp;
let tv: TradovateFake;
const ACCOUNT_ID = 40001; // the first active account of the fake's test login
const month = frontMonth(new Date());
const FRONT_MNQ = `MNQ${month.code}${month.year % 10}`;
const creds = () => tradovateCreds(tv);
/** Orders at Tradovate that carry our order id as clOrdId. */
const brokerOrdersOf = (orderId: string) => tv.book.orders.filter((o) => o.clOrdId === orderId);
/** The placement requests Tradovate received for our order (its clOrdId is in the body). */
const placementsOf = (orderId: string) =>
  tv.requests.filter((r) => r.method === "POST" && /^\/order\/place(order|oso)$/i.test(r.path) && (r.body as { clOrdId?: string } | undefined)?.clOrdId === orderId);
const openAtBroker = () => tv.book.positions.filter((p) => p.accountId === ACCOUNT_ID && p.netPos !== 0);
const buy = (a: TestAccount, intent: Record<string, unknown> = {}) => entry(a.api_key, { symbol: "MNQ1!", qty: 1, price: 20_000, ...intent });

beforeAll(async () => {
  tv = await startTradovateFake();
  app = await startAppAgainst(tv, "TRADOVATE_BASE_URL");
});
beforeEach(() => flatBook(tv, { MNQ: 20_000, NQ: 20_000 }));
afterEach(() => expect(tv.violations).toEqual([]));
afterAll(() => stopAppAndFake(app, tv, "TRADOVATE_BASE_URL"));

const trader = () => connectedTrader(app, "tradovate", creds());

describe("Tradovate — connect and trade", () => {
  test("POST /accounts with a wrong password → 422 broker_rejected with a readable sentence, nothing stored", async () => {
    await expectConnectRefused(app, "tradovate", { ...creds(), password: "Not-My-Password-8" }, /^tradovate did not accept these credentials: Tradovate did not accept these credentials \(Incorrect username or password\.\)/, ["Not-My-Password-8", tv.credentials.sec]);
  });

  test("unify.v1 MNQ1! and a TradingView NQ1! alert fill on the front month; our order id is the clOrdId", async () => {
    const { u, a } = await trader();
    const v1 = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a));
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ ok: true, status: "filled", filled_qty: 1, avg_price: 20_000, broker_order_id: expect.any(String) });
    const alert = await sendAlert<AlertAnswerBody>(app, "tradovate", { api_key: a.api_key, ticker: "NQ1!", action: "sell", quantity: "2", price: "20000" });
    expect(alert.body).toMatchObject({ status: "filled", filled_qty: 2 });

    const [mnq] = brokerOrdersOf(v1.body.order_id!);
    expect(mnq).toMatchObject({ accountId: ACCOUNT_ID, action: "Buy", orderQty: 1, ordStatus: "Filled", isAutomated: true });
    expect(tv.book.contract(mnq.contractId)?.name).toBe(FRONT_MNQ);
    expect(brokerOrdersOf(alert.body.order_id!)).toEqual([expect.objectContaining({ action: "Sell", orderQty: 2 })]);
    const positions = await listPositions(app, u);
    expect(positions.map((p) => [p.symbol, p.side, p.qty])).toEqual(
      expect.arrayContaining([
        ["MNQ", "buy", 1],
        ["NQ", "sell", 2],
      ]),
    );
  });

  test("POST /positions/{id}/close liquidates it at Tradovate and closes it in GET /positions, with the realised P&L", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "tradovate", buy(a));
    const [position] = await listPositions(app, u);
    tv.setPrice("MNQ", 20_010);
    const closed = await closePosition(app, u, position.id);
    expect(closed.body).toMatchObject({ ok: true, status: "filled" });
    expect(openAtBroker()).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
    // 10 points × $2 per point of MNQ.
    expect((await listPositions(app, u, "?status=closed"))[0].realized_pnl).toBeCloseTo(20, 2);
  });

  test("exit_all flattens the account at Tradovate and in GET /positions", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "tradovate", buy(a));
    await sendAlert(app, "tradovate", buy(a, { symbol: "NQ1!", side: "sell" }));
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", exitAll(a.api_key));
    expect(res.body).toMatchObject({ ok: true, status: "filled", positions_closed: 2, errors: [] });
    expect(openAtBroker()).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
  });
});

describe("Tradovate — what the trader sees when things go wrong", () => {
  test("an expired access token (401) is replaced; the order fills once", async () => {
    const { a } = await trader();
    tv.failNextWith401(/place/i);
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a));
    expect(res.body).toMatchObject({ status: "filled", filled_qty: 1 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
  });

  test("a penalty ticket is waited out and the same order resent with p-ticket — filled, one order", async () => {
    const { a } = await trader();
    tv.penaltyNext({ pTime: 1, match: /place/i });
    const res = await timed(() => sendAlert<AlertAnswerBody>(app, "tradovate", buy(a)));
    expect(res.value.body).toMatchObject({ status: "filled", filled_qty: 1 });
    expect(res.ms).toBeGreaterThanOrEqual(1_000);
    const [first, resent] = placementsOf(res.value.body.order_id!);
    expect(resent.body).toEqual({ ...(first.body as object), "p-ticket": expect.any(String) });
    expect(brokerOrdersOf(res.value.body.order_id!)).toHaveLength(1);
  });

  test("a 429 with Retry-After is waited out and the order fills once", async () => {
    const { a } = await trader();
    tv.respond429Next(1, /place/i);
    const res = await timed(() => sendAlert<AlertAnswerBody>(app, "tradovate", buy(a)));
    expect(res.value.body).toMatchObject({ status: "filled" });
    expect(res.ms).toBeGreaterThanOrEqual(1_000);
    expect(brokerOrdersOf(res.value.body.order_id!)).toHaveLength(1);
  });

  test("Tradovate slower than 2.5 s: `pending` within 2.6 s, then filled in the background — one order", async () => {
    const { a, u } = await trader();
    await withBrokerTimeout(6_000, async () => {
      tv.delayNextMs(3_000, { match: /place/i });
      const order = await pendingThenFilled(app, u, () => sendAlert<AlertAnswerBody>(app, "tradovate", buy(a)));
      expect(order).toMatchObject({ filled_qty: 1 });
      expect(brokerOrdersOf(order!.id)).toHaveLength(1);
    });
  });

  test("a connection dropped after Tradovate took the order: `pending`, then the reconciler finds it by clOrdId — no second order", async () => {
    const { a, u } = await trader();
    tv.dropNextConnection();
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a, { qty: 2 }));
    expect(res.body).toMatchObject({ ok: true, status: "pending" });
    await reconcilePending({ olderThanMs: 0 });
    expect(await orderById(app, u, res.body.order_id!)).toMatchObject({ status: "filled", filled_qty: 2 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
    expect(placementsOf(res.body.order_id!)).toHaveLength(1);
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "MNQ", qty: 2 })]);
  });

  test("a refused order → 422 broker_rejected with Tradovate's failureText", async () => {
    const { a, u } = await trader();
    tv.rejectNextOrder("Insufficient buying power");
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "broker_rejected", detail: expect.stringMatching(/^tradovate rejected the order: .*\(Insufficient buying power\)$/) });
    expect(await listPositions(app, u)).toEqual([]);
  });

  test("a partial fill reports the filled quantity; the rest keeps working at Tradovate", async () => {
    const { a, u } = await trader();
    tv.partialFillNext(0.5);
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a, { qty: 4 }));
    expect(res.body).toMatchObject({ ok: true, status: "submitted", filled_qty: 2 }); // the rest still works at the broker
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ qty: 2 })]);
  });

  // Last in this file: a 429 without Retry-After pauses Tradovate for this deployment (an hour by default).
  test("a 429 without Retry-After is answered with a clear reason, and the order is not left pending", async () => {
    const { a, u } = await trader();
    tv.respond429Next(undefined, /place/i);
    const res = await sendAlert<AlertAnswerBody>(app, "tradovate", buy(a));
    expect([422, 429, 503]).toContain(res.status);
    expect(res.body.detail).toMatch(/rate|limit|too many/i);
    expect(await listOrders(app, u)).not.toContainEqual(expect.objectContaining({ status: "pending" }));
  });
});
