// The broker sync job against the TradeLocker and Tradovate contract fakes: what changed at
// the broker (a stop hit, a trade placed on the broker's own platform, a resting order
// filled, a password changed) reaches GET /positions, /orders and /accounts.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app";
import { entry, sendAlert } from "../../support/alerts";
import { startTradeLockerFake, type TradeLockerFake } from "../../fakes/tradelocker";
import { startTradovateFake, type TradovateFake } from "../../fakes/tradovate";
import { connectedTrader, listAccounts, listOrders, listPositions, tradeLockerCreds, tradingUser, tradovateCreds, type AlertAnswerBody } from "../../support/broker-fakes";
import type { TestAccount, TestUser } from "../../support/client";
import { syncAccounts } from "../../../lib/execution/sync-accounts";
import type { BusEvent } from "../../../lib/events/bus";

let app: TestApp;
let tl: TradeLockerFake;
let tv: TradovateFake;

beforeAll(async () => {
  tl = await startTradeLockerFake();
  tv = await startTradovateFake();
  process.env.TRADELOCKER_BASE_URL = tl.baseUrl;
  process.env.TRADOVATE_BASE_URL = tv.baseUrl;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await tl?.close();
  await tv?.close();
  delete process.env.TRADELOCKER_BASE_URL;
  delete process.env.TRADOVATE_BASE_URL;
});

/** A user with a fresh TradeLocker book (the fake is shared by the tests of this file). */
async function tradeLockerTrader(): Promise<{ u: TestUser; a: TestAccount }> {
  tl.reset();
  tl.setPrice("EURUSD", 1.1);
  return connectedTrader(app, "tradelocker", tradeLockerCreds(tl));
}

const logMessages = async (u: TestUser) =>
  (await app.db.query<{ message: string }>("select message from public.logs where user_id = $1 order by id", [u.id])).map((l) => l.message);

describe("broker sync — positions", () => {
  test("a stop loss hit at TradeLocker closes our position at the last known price, with the reason in the log", async () => {
    const { u, a } = await tradeLockerTrader();
    const opened = await sendAlert<AlertAnswerBody>(app, "tradelocker", entry(a.api_key, { qty: 1, price: 1.1, sl: { mode: "price", value: 1.09 } }));
    expect(opened.body.status).toBe("filled");
    const entryPrice = Number(opened.body.avg_price);

    // A first round marks the position from the broker's unrealised P&L.
    tl.setPrice("EURUSD", entryPrice - 0.005);
    await syncAccounts({ accountId: a.id });
    expect((await listPositions(app, u))[0].current_price).toBeCloseTo(entryPrice - 0.005, 6);

    tl.setPrice("EURUSD", 1.0899);
    expect(tl.book.openPositions(701001)).toEqual([]);
    const report = await syncAccounts({ accountId: a.id });
    expect(report).toMatchObject({ synced: 1, positionsClosed: 1 });
    expect(await listPositions(app, u)).toEqual([]);
    const [closed] = await listPositions(app, u, "?status=closed");
    expect(closed.closed_at).not.toBeNull();
    expect(closed.realized_pnl).toBeCloseTo(-500, 0); // −0.005 × 1 lot × 100,000 at the last mark
    expect(await logMessages(u)).toContainEqual(expect.stringContaining("is no longer open at tradelocker: it was closed there"));
    expect(tl.violations).toEqual([]);
  });

  test("a trade placed on TradeLocker's own platform appears in GET /positions; its size follows the broker", async () => {
    const { u, a } = await tradeLockerTrader();
    const instrument = tl.book.instrumentByName("GBPUSD")!;
    const placed = tl.book.place({ accountId: 701001, instrument, qty: 0.3, side: "sell", type: "market", validity: "IOC", price: null, stopPrice: null, stopLoss: null, stopLossType: null, takeProfit: null, takeProfitType: null, strategyId: null });
    expect(placed.ok).toBe(true);
    await syncAccounts({ accountId: a.id });
    const [added] = await listPositions(app, u);
    expect(added).toMatchObject({ symbol: "GBPUSD", side: "sell", qty: 0.3, status: "open" });

    tl.book.closePosition(tl.book.openPositions(701001)[0], 0.1);
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ positionsResized: 1 });
    expect((await listPositions(app, u))[0].qty).toBe(0.2);
    expect(await logMessages(u)).toContainEqual(expect.stringContaining("Found sell 0.3 GBPUSD at tradelocker that Unify did not open"));
  });

  test("a resting limit order filled at the broker is settled through findOrder — one position, not two", async () => {
    const { u, a } = await tradeLockerTrader();
    const limit = await sendAlert<AlertAnswerBody>(app, "tradelocker", entry(a.api_key, { type: "limit", price: 1.095, qty: 0.2 }));
    expect(limit.body.status).toBe("submitted");
    tl.setPrice("EURUSD", 1.0949);
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ ordersSettled: 1, positionsAdded: 0 });
    expect((await listOrders(app, u)).find((o) => o.id === limit.body.order_id)).toMatchObject({ status: "filled", filled_qty: 0.2 });
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "EURUSD", qty: 0.2 })]);
    await syncAccounts({ accountId: a.id });
    expect(await listPositions(app, u)).toHaveLength(1);
  });

  test("a partial fill whose rest TradeLocker cancelled (IOC) is finalised; the position keeps the filled part and is synced again", async () => {
    const { u, a } = await tradeLockerTrader();
    tl.partialFillNext(0.5);
    const res = await sendAlert<AlertAnswerBody>(app, "tradelocker", entry(a.api_key, { qty: 1, price: 1.1 }));
    expect(res.body).toMatchObject({ status: "submitted", filled_qty: 0.5 }); // api.md: filled | submitted | pending
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ ordersSettled: 1 });
    expect((await listOrders(app, u)).find((o) => o.id === res.body.order_id)).toMatchObject({
      status: "cancelled",
      filled_qty: 0.5,
      reason: "tradelocker filled 0.5 of 1; the rest was cancelled there.",
    });
    expect(await listPositions(app, u)).toEqual([expect.objectContaining({ symbol: "EURUSD", qty: 0.5 })]);
    // No longer held back: a close at the broker now reaches our position.
    tl.book.closePosition(tl.book.openPositions(701001)[0], 0);
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ positionsClosed: 1 });
  });

  test("a Tradovate OSO stop filled at the broker closes our MNQ position", async () => {
    tv.reset();
    tv.setPrice("MNQ", 20_000);
    const { u, a } = await connectedTrader(app, "tradovate", tradovateCreds(tv));
    const opened = await sendAlert<AlertAnswerBody>(app, "tradovate", entry(a.api_key, { symbol: "MNQ1!", qty: 2, price: 20_000, sl: { mode: "price", value: 19_990 } }));
    expect(opened.body.status).toBe("filled");
    tv.setPrice("MNQ", 19_989);
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ positionsClosed: 1 });
    expect(await listPositions(app, u)).toEqual([]);
    expect(tv.violations).toEqual([]);
  });
});

describe("broker sync — account state and errors", () => {
  test("balance, equity and last_sync follow the broker; at most one equity point a minute", async () => {
    const { u, a } = await tradeLockerTrader();
    tl.book.accounts[0].balance = 12_345.67;
    const t0 = new Date(Date.now() + 120_000);
    await syncAccounts({ accountId: a.id, now: () => t0 });
    await syncAccounts({ accountId: a.id, now: () => new Date(t0.getTime() + 10_000) });
    const [account] = await listAccounts(app, u);
    expect(account).toMatchObject({ balance: 12_345.67, equity: 12_345.67, status: "active", last_sync: new Date(t0.getTime() + 10_000).toISOString() });
    const points = await app.db.query("select 1 from public.equity_history where account_id = $1 and t >= $2", [a.id, t0]);
    expect(points).toHaveLength(1);
  });

  test("a password changed at the broker marks the account error with the broker's reason; the login is retried after 15 minutes", async () => {
    const { u, a } = await tradeLockerTrader();
    const updates: BusEvent<"account.update">[] = [];
    const stop = app.bus.subscribe("account.update", (e) => updates.push(e));
    const logins = () => tl.requests.filter((r) => r.path === "/auth/jwt/token").length;
    const original = tl.credentials.password;
    try {
      tl.credentials.password = "Changed-At-The-Broker-1";
      tl.failNextWith401(); // the cached session ends, as it does when a password changes
      expect(await syncAccounts({ accountId: a.id })).toMatchObject({ failed: 1 });
      const [broken] = await listAccounts(app, u);
      expect(broken.status).toBe("error");
      expect(broken.status_reason).toMatch(/TradeLocker did not accept this email, password and server/);
      expect(broken.status_reason).not.toContain(original);
      // The next rounds do not try the refused login again (brokers lock logins that keep failing).
      const attempts = logins();
      expect(await syncAccounts({ accountId: a.id })).toMatchObject({ deferred: 1 });
      expect(logins()).toBe(attempts);
      expect((await logMessages(u)).filter((m) => m.startsWith("Unify cannot sync"))).toHaveLength(1);
    } finally {
      tl.credentials.password = original;
    }
    await syncAccounts({ accountId: a.id, now: () => new Date(Date.now() + 16 * 60_000) });
    expect((await listAccounts(app, u))[0]).toMatchObject({ status: "active", status_reason: null });
    expect(await logMessages(u)).toContainEqual(expect.stringContaining("works again"));
    // The dashboards heard of both changes (with NATS the connect's own update may arrive first).
    await expect.poll(() => updates.filter((e) => e.payload.account.id === a.id).map((e) => e.payload.account.status).join(" → ")).toMatch(/error → active$/);
    stop();
  });

  // Last in this file: the 429 pauses calls to this TradeLocker login for two minutes.
  test("a rate limit defers the account to the next round without marking it broken", async () => {
    const { u, a } = await tradeLockerTrader();
    tl.respond429Next(120);
    expect(await syncAccounts({ accountId: a.id })).toMatchObject({ deferred: 1, failed: 0, synced: 0 });
    expect((await listAccounts(app, u))[0]).toMatchObject({ status: "active", status_reason: null });
  });

  test("paper accounts are not synced with any broker", async () => {
    const u = await tradingUser(app);
    const paper = await import("../../support/client").then((c) => c.newPaperAccount(app, u));
    expect(await syncAccounts({ accountId: paper.id })).toMatchObject({ accounts: 0 });
  });
});
