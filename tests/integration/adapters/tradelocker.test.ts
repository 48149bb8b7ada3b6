import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TradeLockerAdapter } from "@/brokers/tradelocker/adapter";
import { strategyIdFor } from "@/brokers/tradelocker/strategy-id";
import { marketContext } from "@/lib/execution/market-context";
import { intentSchema } from "@/lib/intake/schemas";
import { sizeOrder } from "@/lib/sizing/size-order";
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

  test("findOrder after a dropped order with SL/TP reads the entry, not the stop-loss order that carries the same strategyId", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    const id = newId();
    tl.dropNextConnection();
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: eurusd, side: "buy", type: "market", qty: 0.3, stopLoss: 1.09, takeProfit: 1.12 });
    expect(placed.status).toBe("pending");
    const entry = tl.book.orders.find((o) => o.role === "entry")!;
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 0.3, avgPrice: 1.1, brokerOrderId: String(entry.id) });
    expect(orderPosts()).toHaveLength(1);
  });

  test("findOrder of a bracketed limit that filled later is filled (the sync must not keep it working), and stays so after the position closed", async () => {
    const eurusd = await adapter.instrument(ref(), "EURUSD");
    const id = newId();
    const limit = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: eurusd, side: "buy", type: "limit", price: 1.095, qty: 0.2, stopLoss: 1.08, takeProfit: 1.12 });
    expect(limit.status).toBe("submitted");
    tl.setPrice("EURUSD", 1.094);
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 0.2, brokerOrderId: limit.brokerOrderId });
    await adapter.closePosition(ref(), eurusd);
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 0.2, avgPrice: 1.094, brokerOrderId: limit.brokerOrderId });
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

describe("TradeLocker partial closes on a hedging account (one position per fill)", () => {
  async function twoBuys(hedged: TradeLockerFake) {
    hedged.setPrice("EURUSD", 1.1);
    const a = new TradeLockerAdapter(testDeps());
    const r = demoRef(tradeLockerCreds(hedged));
    const eurusd = await a.instrument(r, "EURUSD");
    for (const qty of [0.3, 0.7]) await a.placeOrder(r, { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "market", qty });
    const [small, big] = hedged.book.openPositions(701001);
    return { a, r, eurusd, small, big };
  }
  const closes = (fake: TradeLockerFake) => seen(fake.requests, "DELETE", /^\/trade\/positions\/\d+$/).filter((q) => q.body !== undefined);

  test("closing 0.8 of 0.3 + 0.7 sends 0.7 and exactly 0.1 (no float noise in the qty TradeLocker gets)", async () => {
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ hedging: true }), async (hedged) => {
      const { a, r, eurusd, small, big } = await twoBuys(hedged);
      expect(await a.closePosition(r, eurusd, 0.8)).toMatchObject({ status: "filled", filledQty: 0.8 });
      expect(closes(hedged).map((q) => [q.path, q.rawBody])).toEqual([
        [`/trade/positions/${big.id}`, '{"qty":0.7}'],
        [`/trade/positions/${small.id}`, '{"qty":0.1}'],
      ]);
    });
  });

  test("closing our long leaves a short in the same instrument alone (opened elsewhere on a hedging account)", async () => {
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ hedging: true }), async (hedged) => {
      hedged.setPrice("EURUSD", 1.1);
      const a = new TradeLockerAdapter(testDeps());
      const r = demoRef(tradeLockerCreds(hedged));
      const eurusd = await a.instrument(r, "EURUSD");
      await a.placeOrder(r, { clientOrderId: newId(), instrument: eurusd, side: "buy", type: "market", qty: 0.3 });
      await a.placeOrder(r, { clientOrderId: newId(), instrument: eurusd, side: "sell", type: "market", qty: 0.5 });
      expect(await a.closePosition(r, eurusd, undefined, { side: "buy", qty: 0.3, entryPrice: 1.1 })).toMatchObject({ status: "filled", filledQty: 0.3 });
      expect(hedged.book.openPositions(701001).map((p) => [p.side, p.qty])).toEqual([["sell", 0.5]]);
      expect(seen(hedged.requests, "DELETE", /^\/trade\/accounts\/\d+\/positions$/)).toEqual([]);
    });
  });

  test("when the second part fails after the first closed, the close reports what did close — not a rejection", async () => {
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ hedging: true }), async (hedged) => {
      const { a, r, eurusd, small } = await twoBuys(hedged);
      const second = `/trade/positions/${small.id}`;
      hedged.failNextWith401(second);
      hedged.failNextWith401(second);
      const closed = await a.closePosition(r, eurusd, 0.8);
      expect(closed).toMatchObject({ status: "cancelled", filledQty: 0.7, avgPrice: 1.1 });
      expect(closed.reason).toMatch(/closed 0\.7 of 0\.8/);
      expect(hedged.book.openPositions(701001).map((p) => p.qty)).toEqual([0.3]);
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

describe("TradeLocker values a point in the account's currency (USD accounts)", () => {
  const quoteReads = () => seen(tl.requests, "GET", /^\/trade\/quotes$/);
  /** risk_usd 100 with a 20-pip stop, sized from the adapter's instrument as the pipeline sizes it. */
  async function riskUsdEntry(symbol: string, price: number) {
    const market = await marketContext(adapter, ref(), symbol, price, "buy");
    const intent = intentSchema.parse({ action: "entry", side: "buy", symbol, qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 20 } });
    const sized = sizeOrder({ intent, config: null, instrument: market.instrument, equity: 10_000, price: market.price!, maxLeverage: 500 });
    return { instrument: market.instrument, sized };
  }

  test("USDJPY at 150: a point is USD 100,000 / 150, so risk_usd 100 over 20 pips is 0.75 lots, and 0.75 is what reaches TradeLocker", async () => {
    tl.setPrice("USDJPY", 150);
    const { instrument, sized } = await riskUsdEntry("USDJPY", 150);
    expect(instrument.valuePerPoint).toBeCloseTo(666.667, 3);
    expect(sized).toMatchObject({ ok: true, order: { qty: 0.75, stopLoss: 149.8 } });
    if (!sized.ok) return;
    expect(sized.order.riskAmount).toBeCloseTo(100, 6);
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument, side: "buy", type: "market", qty: sized.order.qty, stopLoss: sized.order.stopLoss });
    expect(placed.status).toBe("filled");
    expect(orderPosts()[0].body).toMatchObject({ qty: 0.75 });
    // The conversion price came from TradeLocker's own quote of USDJPY, on its INFO route.
    expect(quoteReads().map((r) => [r.query.get("tradableInstrumentId"), r.query.get("routeId")])).toEqual([["280", "808"]]);
  });

  test("EURGBP with GBPUSD at 1.27: a point is USD 127,000, so risk_usd 100 over 20 pips is 0.39 lots (never more than USD 100 at risk)", async () => {
    tl.setPrice("GBPUSD", 1.27);
    tl.setPrice("EURGBP", 0.85);
    const { instrument, sized } = await riskUsdEntry("EURGBP", 0.85);
    expect(instrument.valuePerPoint).toBeCloseTo(127_000, 6);
    expect(sized).toMatchObject({ ok: true, order: { qty: 0.39 } });
    if (sized.ok) expect(sized.order.riskAmount).toBeCloseTo(99.06, 6);
  });

  test("pairs quoted in the account's currency need no conversion call; a conversion price is reused for a minute", async () => {
    expect((await adapter.instrument(ref(), "EURUSD")).valuePerPoint).toBe(100_000);
    expect(quoteReads()).toHaveLength(0);
    await adapter.instrument(ref(), "EURGBP");
    await adapter.instrument(ref(), "EURGBP");
    expect(quoteReads()).toHaveLength(1);
  });

  test("no GBPUSD quote: EURGBP is marked, so sizing refuses a risk quantity with the reason; a fixed quantity is sent and closing still works", async () => {
    const eurgbp = await adapter.instrument(ref(), "EURGBP");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: eurgbp, side: "buy", type: "market", qty: 0.2 });
    tl.withholdQuotes("GBPUSD");
    const fresh = new TradeLockerAdapter(testDeps());
    const unvalued = await fresh.instrument(ref(), "EURGBP");
    const market = await marketContext(fresh, ref(), "EURGBP", 0.85, "buy");
    const intent = intentSchema.parse({ action: "entry", side: "buy", symbol: "EURGBP", qty_mode: "risk_usd", qty: 100, sl: { mode: "pips", value: 20 } });
    const risk = sizeOrder({ intent, config: null, instrument: market.instrument, equity: 10_000, price: 0.85, maxLeverage: 500 });
    expect(risk).toMatchObject({ ok: false });
    if (!risk.ok) expect(risk.reason).toMatch(/EURGBP is quoted in GBP and this account is in USD, and TradeLocker gave no current GBPUSD price .*a risk_usd quantity cannot be sized/);
    const fixed = await fresh.placeOrder(ref(), { clientOrderId: newId(), instrument: unvalued, side: "buy", type: "market", qty: 0.1 });
    expect(fixed.status).not.toBe("rejected");
    expect(orderPosts()).toHaveLength(2);
    expect(await fresh.closePosition(ref(), unvalued)).toMatchObject({ status: "filled" });
    expect(await fresh.positions(ref())).toEqual([]);
  });

  test("a EUR account: gold and an index quoted in USD (the index's currency read from its details) are valued ÷ EURUSD", async () => {
    const eurAccount = { id: 702001, accNum: 7, name: "TL Demo EUR", currency: "EUR", balance: 10_000 };
    await withOwnFake("TRADELOCKER_BASE_URL", () => startTradeLockerFake({ accounts: [eurAccount] }), async (eur) => {
      eur.setPrice("EURUSD", 1.08);
      const a = new TradeLockerAdapter(testDeps());
      const r = demoRef(tradeLockerCreds(eur));
      expect((await a.instrument(r, "XAUUSD")).valuePerPoint).toBeCloseTo(100 / 1.08, 9);
      expect((await a.instrument(r, "US30")).valuePerPoint).toBeCloseTo(1 / 1.08, 9);
      expect(seen(eur.requests, "GET", /^\/trade\/instruments\/401$/)).toHaveLength(1);
      expect(seen(eur.requests, "GET", /^\/trade\/instruments\/301$/)).toHaveLength(0);
      // EURGBP is quoted in GBP; EURGBP itself converts it into EUR (÷ its mid).
      expect((await a.instrument(r, "EURGBP")).valuePerPoint).toBeCloseTo(100_000 / 0.8512, 6);
    });
  });
});
