import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TradeLockerAdapter } from "@/brokers/tradelocker/adapter";
import { strategyIdFor } from "@/brokers/tradelocker/strategy-id";
import { startTradeLockerFake, type TradeLockerFake } from "@/tests/fakes/tradelocker";
import { tradeLockerCreds } from "@/tests/support/broker-fakes";
import { closeFake, demoRef, orderIds, seen, startFake, testDeps, withOwnFake } from "./harness";

let tl: TradeLockerFake;
let adapter: TradeLockerAdapter;
const creds = () => tradeLockerCreds(tl);
const ref = () => demoRef(creds());
const orderPosts = () => seen(tl.requests, "POST", /^\/trade\/accounts\/\d+\/orders$/);
const newId = orderIds("3f2b8c1e-9d4a-4e5b-8c7d-");

beforeAll(async () => {
  tl = await startFake("TRADELOCKER_BASE_URL", startTradeLockerFake);
});
beforeEach(() => {
  tl.reset();
  tl.setPrice("EURUSD", 1.1);
  adapter = new TradeLockerAdapter(testDeps());
});
afterEach(() => expect(tl.violations).toEqual([]));
afterAll(() => closeFake("TRADELOCKER_BASE_URL", tl));

describe("TradeLocker adapter against the contract fake", () => {
  test("connect lists the accounts with balance, equity and currency", async () => {
    const result = await adapter.connect(creds(), "demo");
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(result.account).toMatchObject({ currency: expect.any(String), balance: expect.any(Number), equity: expect.any(Number) });
    expect(result.account.balance).toBeGreaterThan(0);
  });

  test("wrong credentials are unauthorized with a clear sentence that never repeats the password", async () => {
    const attempt = adapter.connect({ ...creds(), password: "Wrong-Password-99" }, "demo");
    await expect(attempt).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringContaining("TradeLocker did not accept") });
    await attempt.catch((e: Error) => expect(e.message).not.toContain("Wrong-Password-99"));
  });

  test("connect → place with brackets → positions → partial close → flatten", async () => {
    const eurusd = await adapter.instrument(ref(), "OANDA:EURUSD");
    expect(eurusd).toMatchObject({ symbol: "EURUSD", minQty: 0.01, maxQty: 100, pipSize: 0.0001 });
    const id = newId();
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: eurusd, side: "buy", type: "market", qty: 1, stopLoss: 1.09, takeProfit: 1.12 });
    expect(placed).toMatchObject({ status: "filled", brokerOrderId: expect.any(String) });
    const sent = orderPosts()[0].body as Record<string, unknown>;
    expect(sent).toMatchObject({ strategyId: strategyIdFor(id), stopLossType: "absolute", takeProfitType: "absolute", validity: "IOC" });
    expect(String(sent.strategyId).length).toBeLessThanOrEqual(31);

    const positions = await adapter.positions(ref());
    expect(positions).toEqual([expect.objectContaining({ symbol: "EURUSD", side: "buy", qty: 1 })]);

    const partial = await adapter.closePosition(ref(), eurusd, 0.4);
    expect(partial).toMatchObject({ status: "filled", filledQty: 0.4 });
    expect((await adapter.positions(ref()))[0].qty).toBeCloseTo(0.6, 8);

    expect(await adapter.closeAll(ref())).toEqual({ closed: 1, errors: [] });
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("account state maps the account details by column name", async () => {
    const state = await adapter.accountState(ref());
    expect(state.balance).toBeGreaterThan(0);
    expect(state.equity).toBeGreaterThan(0);
    expect(typeof state.currency).toBe("string");
  });

  test("a 401 re-logs in once and the call succeeds", async () => {
    await adapter.positions(ref());
    const loginsBefore = seen(tl.requests, "POST", /^\/auth\/jwt\/token$/).length;
    tl.failNextWith401("/positions");
    expect(await adapter.positions(ref())).toEqual([]);
    expect(seen(tl.requests, "POST", /^\/auth\/jwt\/token$/).length).toBe(loginsBefore + 1);
  });

  test("a 429 with Retry-After is waited out and the call answered", async () => {
    adapter = new TradeLockerAdapter(testDeps(1_500));
    await adapter.positions(ref());
    tl.respond429Next(1, "/positions");
    expect(await adapter.positions(ref())).toEqual([]);
    expect(adapter.health()).toBe("degraded");
  });

  test("an answer slower than the timeout leaves the order pending; findOrder settles it without a second order", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    const id = newId();
    tl.delayNextMs(1_500, { match: (req) => req.method === "POST" && req.path.endsWith("/orders") });
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: eurusd, side: "sell", type: "market", qty: 0.2 });
    expect(placed.status).toBe("pending");
    expect(placed.reason).toMatch(/not be sent again|checked, not sent again/);
    const found = await adapter.findOrder(ref(), id);
    expect(found).toMatchObject({ status: "filled" });
    expect(orderPosts()).toHaveLength(1);
  });

  test("a dropped connection on placeOrder is pending, and findOrder finds the order (no double order)", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    const id = newId();
    tl.dropNextConnection();
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: eurusd, side: "buy", type: "market", qty: 0.3 });
    expect(placed.status).toBe("pending");
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 0.3 });
    expect(orderPosts()).toHaveLength(1);
    expect(await adapter.findOrder(ref(), newId())).toBeNull();
  });

  test("a refused order comes back as a rejected value with the broker's reason", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    tl.rejectNextOrder("Not enough margin");
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "market", qty: 1 });
    expect(placed).toMatchObject({ status: "rejected", reason: expect.stringContaining("Not enough margin") });
  });

  test("a partial fill is reported with the filled quantity", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    tl.partialFillNext(0.5);
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "market", qty: 1 });
    expect(placed).toMatchObject({ status: "partially_filled", filledQty: 0.5 });
  });

  test("cancelOrders cancels a pending entry but keeps a position's stop-loss and take-profit", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "market", qty: 1, stopLoss: 1.09, takeProfit: 1.12 });
    const limit = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "limit", price: 1.05, qty: 0.5 });
    expect(limit.status).toBe("submitted");
    expect(await adapter.cancelOrders(ref(), eurusd)).toBe(1);
    const left = await adapter.orders(ref());
    expect(left.every((o) => o.type !== "limit" || o.price !== 1.05)).toBe(true);
  });
});

describe("TradeLocker adapter reads rows by column name", () => {
  test("positions stay right when the fake reverses every column list", async () => {
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ shuffleColumns: true }), async (shuffled) => {
      shuffled.setPrice("EURUSD", 1.1);
      const a = new TradeLockerAdapter(testDeps());
      const r = demoRef(tradeLockerCreds(shuffled));
      const eurusd = await a.instrument(r, "EURUSD");
      await a.placeOrder(r, { clientOrderId: newId(), instrument: eurusd, side: "sell", type: "market", qty: 0.7 });
      expect(await a.positions(r)).toEqual([expect.objectContaining({ symbol: "EURUSD", side: "sell", qty: 0.7 })]);
    });
  });
});

describe("TradeLocker token lifecycle", () => {
  test("a token close to expiry is refreshed with the refresh token, not a new login", async () => {
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ accessTokenTtlSec: 120 }), async (shortLived) => {
      const a = new TradeLockerAdapter(testDeps());
      const r = demoRef(tradeLockerCreds(shortLived));
      await a.positions(r);
      await a.positions(r);
      expect(seen(shortLived.requests, "POST", /^\/auth\/jwt\/token$/)).toHaveLength(1);
      expect(seen(shortLived.requests, "POST", /^\/auth\/jwt\/refresh$/).length).toBeGreaterThanOrEqual(1);
    });
  });
});
