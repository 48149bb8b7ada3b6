// Topstep (ProjectX Gateway) through the whole pipeline: POST /accounts, webhooks with
// TradingView continuous futures tickers, closes and flattening, against the ProjectX fake.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestApp } from "../../support/test-app";
import type { TestAccount } from "../../support/client";
import { entry, sendAlert } from "../../support/alerts";
import { startProjectXFake, type ProjectXFake } from "../../fakes/projectx";
import { frontMonth } from "../../fakes/front-month";
import { reconcilePending } from "../../../lib/execution/reconcile";
import {
  closePosition,
  connectedTrader,
  exitAll,
  expectConnectRefused,
  flatBook,
  listPositions,
  orderById,
  pendingThenFilled,
  projectXCreds,
  startAppAgainst,
  stopAppAndFake,
  timed,
  withBrokerTimeout,
  type AlertAnswerBody,
} from "../../support/broker-fakes";

let app: TestApp;
let px: ProjectXFake;
const ACCOUNT_ID = 12001; // the first tradable account of the fake's test login
const month = frontMonth(new Date());
const FRONT_MNQ = `CON.F.US.MNQ.${month.code}${String(month.year % 100).padStart(2, "0")}`;
const creds = () => projectXCreds(px);
/** Orders at ProjectX that carry our order id as customTag (unique per account). */
const brokerOrdersOf = (orderId: string) => px.book.orders.filter((o) => o.customTag === orderId);
const buy = (a: TestAccount, intent: Record<string, unknown> = {}) => entry(a.api_key, { symbol: "MNQ1!", qty: 1, price: 20_000, ...intent });

beforeAll(async () => {
  px = await startProjectXFake();
  app = await startAppAgainst(px, "PROJECTX_BASE_URL");
});
beforeEach(() => flatBook(px, { MNQ: 20_000, NQ: 20_000 }));
afterEach(() => expect(px.violations).toEqual([]));
afterAll(() => stopAppAndFake(app, px, "PROJECTX_BASE_URL"));

const trader = () => connectedTrader(app, "topstep", creds());

describe("Topstep (ProjectX) — connect and trade", () => {
  test("POST /accounts with a wrong API key → 422 broker_rejected with a readable sentence, nothing stored", async () => {
    await expectConnectRefused(app, "topstep", { ...creds(), api_key: "px-not-my-key-000111" }, /^topstep did not accept these credentials: Topstep \(ProjectX\) did not accept this username and API key/, ["px-not-my-key-000111"]);
  });

  test("unify.v1 MNQ1! and a TradingView NQ1! alert fill on the front month; our order id is the customTag", async () => {
    const { u, a } = await trader();
    const v1 = await sendAlert<AlertAnswerBody>(app, "projectx", buy(a));
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ ok: true, status: "filled", filled_qty: 1, avg_price: 20_000, broker_order_id: expect.any(String) });
    const tv = await sendAlert<AlertAnswerBody>(app, "topstep", { api_key: a.api_key, ticker: "NQ1!", action: "sell", quantity: "2", price: "20000" });
    expect(tv.body).toMatchObject({ status: "filled", filled_qty: 2 });

    expect(brokerOrdersOf(v1.body.order_id!)).toEqual([expect.objectContaining({ accountId: ACCOUNT_ID, contractId: FRONT_MNQ, side: 0, size: 1, type: 2 })]);
    expect(brokerOrdersOf(tv.body.order_id!)).toEqual([expect.objectContaining({ contractId: expect.stringMatching(/^CON\.F\.US\.ENQ\./), side: 1, size: 2 })]);
    const positions = await listPositions(app, u);
    expect(positions.map((p) => [p.symbol, p.side, p.qty])).toEqual(
      expect.arrayContaining([
        ["MNQ", "buy", 1],
        ["NQ", "sell", 2],
      ]),
    );
  });

  test("POST /positions/{id}/close closes it at ProjectX and in GET /positions, with the realised P&L", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "topstep", buy(a));
    const [position] = await listPositions(app, u);
    px.setPrice("MNQ", 20_010);
    const closed = await closePosition(app, u, position.id);
    expect(closed.body).toMatchObject({ ok: true, status: "filled" });
    expect(px.book.openPositions(ACCOUNT_ID)).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
    // 10 points × $2 per point of MNQ.
    expect((await listPositions(app, u, "?status=closed"))[0].realized_pnl).toBeCloseTo(20, 2);
  });

  test("exit_all flattens the account at ProjectX and in GET /positions", async () => {
    const { u, a } = await trader();
    await sendAlert(app, "topstep", buy(a));
    await sendAlert(app, "topstep", buy(a, { symbol: "NQ1!", side: "sell" }));
    const res = await sendAlert<AlertAnswerBody>(app, "topstep", exitAll(a.api_key));
    expect(res.body).toMatchObject({ ok: true, status: "filled", positions_closed: 2, errors: [] });
    expect(px.book.openPositions(ACCOUNT_ID)).toEqual([]);
    expect(await listPositions(app, u)).toEqual([]);
  });
});

describe("Topstep (ProjectX) — what the trader sees when things go wrong", () => {
  test("an expired session token (401) is renewed; the order fills once", async () => {
    const { a } = await trader();
    px.failNextWith401("/api/Order/place");
    const res = await sendAlert<AlertAnswerBody>(app, "topstep", buy(a));
    expect(res.body).toMatchObject({ status: "filled", filled_qty: 1 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
  });

  test("a 429 — with Retry-After or without — is waited out and the order fills once", async () => {
    const { a } = await trader();
    px.respond429Next(1, "/api/Order/place");
    const waited = await timed(() => sendAlert<AlertAnswerBody>(app, "topstep", buy(a)));
    expect(waited.value.body).toMatchObject({ status: "filled" });
    expect(waited.ms).toBeGreaterThanOrEqual(1_000);
    px.respond429Next(undefined, "/api/Order/place");
    const backedOff = await sendAlert<AlertAnswerBody>(app, "topstep", buy(a));
    expect(backedOff.body).toMatchObject({ status: "filled" });
    expect(brokerOrdersOf(waited.value.body.order_id!)).toHaveLength(1);
    expect(brokerOrdersOf(backedOff.body.order_id!)).toHaveLength(1);
  });

  test("ProjectX slower than 2.5 s: `pending` within 2.6 s, then filled in the background — one order", async () => {
    const { a, u } = await trader();
    await withBrokerTimeout(6_000, async () => {
      px.delayNextMs(3_000, { match: "/api/Order/place" });
      const order = await pendingThenFilled(app, u, () => sendAlert<AlertAnswerBody>(app, "topstep", buy(a)));
      expect(order).toMatchObject({ filled_qty: 1 });
      expect(brokerOrdersOf(order!.id)).toHaveLength(1);
    });
  });

  test("a connection dropped after ProjectX took the order: `pending`, then the reconciler finds it — no second order", async () => {
    const { a, u } = await trader();
    px.dropNextConnection();
    const res = await sendAlert<AlertAnswerBody>(app, "topstep", buy(a, { qty: 2 }));
    expect(res.body).toMatchObject({ ok: true, status: "pending" });
    await reconcilePending({ olderThanMs: 0 });
    expect(await orderById(app, u, res.body.order_id!)).toMatchObject({ status: "filled", filled_qty: 2 });
    expect(brokerOrdersOf(res.body.order_id!)).toHaveLength(1);
    expect(px.book.orders.filter((o) => o.parentId === null)).toHaveLength(1);
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "MNQ", qty: 2 })]);
  });

  test("a refused order → 422 broker_rejected with ProjectX's errorMessage", async () => {
    const { a, u } = await trader();
    px.rejectNextOrder("Daily loss limit reached");
    const res = await sendAlert<AlertAnswerBody>(app, "topstep", buy(a));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "broker_rejected", detail: "topstep rejected the order: Daily loss limit reached" });
    expect(await listPositions(app, u)).toEqual([]);
  });

  test("a partial fill reports the filled quantity", async () => {
    const { a, u } = await trader();
    px.partialFillNext(0.5);
    const res = await sendAlert<AlertAnswerBody>(app, "topstep", buy(a, { qty: 4 }));
    expect(res.body).toMatchObject({ ok: true, status: "submitted", filled_qty: 2 }); // the rest still works at the broker
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ qty: 2 })]);
  });
});
