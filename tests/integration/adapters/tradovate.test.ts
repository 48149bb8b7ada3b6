import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TradovateAdapter } from "@/brokers/tradovate/adapter";
import { tradovateContractName } from "@/brokers/tradovate/contracts";
import type { Instrument } from "@/brokers/types";
import { startTradovateFake, type TradovateFake } from "@/tests/fakes/tradovate";
import { tradovateCreds } from "@/tests/support/broker-fakes";
import { closeFake, demoRef, orderIds, seen, startFake, testDeps, withOwnFake } from "./harness";

let tv: TradovateFake;
let adapter: TradovateAdapter;
const creds = () => tradovateCreds(tv);
const ref = () => demoRef(creds());
const placements = () => seen(tv.requests, "POST", /^\/order\/place(order|oso)$/i);
const logins = () => seen(tv.requests, "POST", /^\/auth\/accesstokenrequest$/i);
const newId = orderIds("c0ffee00-1111-4222-8333-");

beforeAll(async () => {
  tv = await startFake("TRADOVATE_BASE_URL", startTradovateFake);
});
beforeEach(() => {
  tv.reset();
  tv.setPrice("MNQ", 20_000);
  adapter = new TradovateAdapter(testDeps());
});
afterEach(() => expect(tv.violations).toEqual([]));
afterAll(() => closeFake("TRADOVATE_BASE_URL", tv));

describe("Tradovate adapter against the contract fake", () => {
  test("connect lists the accounts with their cash balance", async () => {
    const result = await adapter.connect(creds(), "demo");
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(result.account).toMatchObject({ currency: "USD" });
    expect(result.account.balance).toBeGreaterThan(0);
  });

  test("wrong credentials are unauthorized with a clear sentence and no secret in it", async () => {
    const attempt = adapter.connect({ ...creds(), password: "Not-The-Password-42" }, "demo");
    await expect(attempt).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringContaining("Tradovate did not accept") });
    await attempt.catch((e: Error) => {
      expect(e.message).not.toContain("Not-The-Password-42");
      expect(e.message).not.toContain(tv.credentials.sec);
    });
  });

  test("NQ1! resolves to the front-month contract with tick size and point value", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    expect(mnq).toMatchObject({ symbol: "MNQ", tickSize: 0.25, valuePerPoint: 2, minQty: 1, maxQty: 50 });
    expect(mnq.brokerSymbol).toMatch(/^MNQ[FGHJKMNQUVXZ]\d$/);
  });

  test("connect → place with OSO brackets → positions → partial close → flatten", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "buy", type: "market", qty: 3, stopLoss: 19_990, takeProfit: 20_020 });
    expect(placed).toMatchObject({ status: "filled", brokerOrderId: expect.any(String), filledQty: 3 });
    expect(placements()[0].path.toLowerCase()).toBe("/order/placeoso");
    expect(placements()[0].body).toMatchObject({
      clOrdId: id,
      isAutomated: true,
      action: "Buy",
      bracket1: { action: "Sell", orderType: "Stop", stopPrice: 19_990 },
      bracket2: { action: "Sell", orderType: "Limit", price: 20_020 },
    });

    expect(await adapter.positions(ref())).toEqual([expect.objectContaining({ symbol: "MNQ", side: "buy", qty: 3 })]);
    expect(await adapter.closePosition(ref(), mnq, 1)).toMatchObject({ status: "filled", filledQty: 1 });
    expect((await adapter.positions(ref()))[0].qty).toBe(2);
    expect(await adapter.closeAll(ref())).toEqual({ closed: 1, errors: [] });
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("a 401 re-logs in once and the call succeeds", async () => {
    await adapter.positions(ref());
    const before = logins().length;
    tv.failNextWith401("/position/list");
    expect(await adapter.positions(ref())).toEqual([]);
    expect(logins().length).toBe(before + 1);
  });

  test("a 429 with Retry-After is waited out", async () => {
    adapter = new TradovateAdapter(testDeps(1_500));
    await adapter.positions(ref());
    tv.respond429Next(1, "/position/list");
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("a penalty ticket is waited out and the same order resent with p-ticket — one order in the book", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    tv.penaltyNext({ pTime: 1 });
    const placed = await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "buy", type: "market", qty: 1 });
    expect(placed.status).toBe("filled");
    const [first, second] = placements();
    expect(second.body).toEqual({ ...(first.body as object), "p-ticket": expect.any(String) });
    const found = await adapter.findOrder(ref(), id);
    expect(found).toMatchObject({ status: "filled", filledQty: 1 });
    expect(await adapter.positions(ref())).toEqual([expect.objectContaining({ qty: 1 })]);
  });

  test("p-captcha stops calls to Tradovate and degrades health", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    tv.penaltyNext({ pTime: 5, captcha: true });
    await expect(adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1 })).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(adapter.health()).toBe("degraded");
    const count = tv.requests.length;
    await expect(adapter.positions(ref())).rejects.toThrow(/captcha/);
    expect(tv.requests.length).toBe(count);
  });

  test("an answer slower than the timeout is pending; findOrder finds it by clOrdId, one order only", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    tv.delayNextMs(1_500, { match: (req) => req.method === "POST" && /place/i.test(req.path) });
    expect((await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "sell", type: "market", qty: 1 })).status).toBe("pending");
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled" });
    expect(placements()).toHaveLength(1);
  });

  test("a dropped connection on placeOrder is pending; findOrder settles it (no double order)", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    tv.dropNextConnection();
    expect((await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "buy", type: "market", qty: 2 })).status).toBe("pending");
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 2 });
    expect(placements()).toHaveLength(1);
    expect(await adapter.findOrder(ref(), newId())).toBeNull();
  });

  test("failureReason is a rejected value with a readable reason", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    tv.rejectNextOrder("Insufficient buying power");
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1 });
    expect(placed).toMatchObject({ status: "rejected", reason: expect.stringContaining("Insufficient buying power"), brokerCode: "UnknownReason" });
  });

  test("a partial fill is reported with the filled quantity", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    tv.partialFillNext(0.5);
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 4 });
    expect(placed).toMatchObject({ status: "partially_filled", filledQty: 2 });
  });

  test("cancelOrders cancels a resting entry and keeps the brackets of an open position", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1, stopLoss: 19_990 });
    const resting = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "limit", qty: 1, price: 19_500 });
    expect(resting.status).toBe("submitted");
    expect(await adapter.cancelOrders(ref(), mnq)).toBe(1);
    const cancels = seen(tv.requests, "POST", /^\/order\/cancelorder$/i);
    expect(cancels.map((r) => String((r.body as { orderId: number }).orderId))).toEqual([resting.brokerOrderId]);
  });
});

describe("Tradovate front month of a continuous ticker", () => {
  const DAY = 86_400_000;
  const crude = { id: 2_990, name: "CL", description: "Crude Oil", tickSize: 0.01, valuePerPoint: 1_000, price: 70 };
  /** Lists a CL contract at the fake, expiring `days` from now. */
  const listCrude = (id: number, name: string, days: number) =>
    tv.book.contracts.push({ id, name, contractMaturityId: id + 1, timestamp: new Date().toISOString(), product: crude, expirationDate: new Date(Date.now() + days * DAY).toISOString(), expirationMonth: 0 });

  test("CL1! moves on to the next month when Tradovate reports the computed one expired; a dated ticker stays as written", async () => {
    const computed = tradovateContractName("CL1!", new Date());
    listCrude(3_779_001, computed.name, -2);
    listCrude(3_779_011, computed.next!, 25);
    expect(await adapter.instrument(ref(), "CL1!")).toMatchObject({ symbol: "CL", brokerSymbol: computed.next, meta: { contractId: 3_779_011 } });
    const dated = computed.name.replace(/(\d)$/, "202$1");
    expect(await adapter.instrument(ref(), dated)).toMatchObject({ brokerSymbol: computed.name, meta: { contractId: 3_779_001 } });
  });

  test("CL1! keeps the computed month while it is more than a few days from expiry", async () => {
    const computed = tradovateContractName("CL1!", new Date());
    listCrude(3_779_001, computed.name, 10);
    listCrude(3_779_011, computed.next!, 40);
    expect(await adapter.instrument(ref(), "CL1!")).toMatchObject({ brokerSymbol: computed.name, meta: { contractId: 3_779_001 } });
  });
});

describe("Tradovate across a contract roll", () => {
  /** The instrument a ticker resolves to once our front month has rolled (a contract the fake does not hold a position in). */
  const rolled = (front: Instrument): Instrument => ({ ...front, brokerSymbol: "MNQU9", meta: { ...front.meta, contractId: 9_999_001, contractName: "MNQU9" } });

  test("a position opened before the roll is closed — in part, then whole — in the month it is held in", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 3 });
    const after = rolled(mnq);

    expect(await adapter.closePosition(ref(), after, 1)).toMatchObject({ status: "filled", filledQty: 1 });
    expect(placements().at(-1)?.body).toMatchObject({ symbol: mnq.brokerSymbol, action: "Sell", orderQty: 1, orderType: "Market" });
    expect((await adapter.positions(ref()))[0]).toMatchObject({ symbol: "MNQ", qty: 2 });

    expect(await adapter.closePosition(ref(), after)).toMatchObject({ status: "filled", filledQty: 2 });
    expect(seen(tv.requests, "POST", /^\/order\/liquidateposition$/i).map((r) => r.body)).toEqual([expect.objectContaining({ contractId: mnq.meta?.contractId })]);
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("a partial close carries our exit order's id, so findOrder settles it after a lost answer — one close only", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "sell", type: "market", qty: 2 });
    const exitId = newId();
    tv.dropNextConnection(/placeorder/i);
    expect(await adapter.closePosition(ref(), mnq, 1, undefined, { clientOrderId: exitId })).toMatchObject({ status: "pending" });
    expect(await adapter.findOrder(ref(), exitId)).toMatchObject({ status: "filled", filledQty: 1, avgPrice: 20_000 });
    expect(placements().filter((r) => (r.body as { clOrdId?: string }).clOrdId === exitId)).toHaveLength(1);
    expect((await adapter.positions(ref()))[0]).toMatchObject({ side: "sell", qty: 1 });
  });

  test("cancelOrders of a symbol also cancels its resting order in the month before the roll", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const resting = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "limit", qty: 1, price: 19_500 });
    expect(await adapter.cancelOrders(ref(), rolled(mnq))).toBe(1);
    const cancels = seen(tv.requests, "POST", /^\/order\/cancelorder$/i);
    expect(cancels.map((r) => String((r.body as { orderId: number }).orderId))).toEqual([resting.brokerOrderId]);
  });
});

describe("Tradovate token lifecycle", () => {
  test("a token within 15 minutes of expiry is renewed, not requested again", async () => {
    await withOwnFake("TRADOVATE_BASE_URL", () => startTradovateFake({ tokenTtlMinutes: 10 }), async (shortLived) => {
      const a = new TradovateAdapter(testDeps());
      const r = demoRef(tradovateCreds(shortLived));
      await a.positions(r);
      await a.positions(r);
      expect(seen(shortLived.requests, "POST", /^\/auth\/accesstokenrequest$/i)).toHaveLength(1);
      expect(seen(shortLived.requests, "GET", /^\/auth\/renewaccesstoken$/i).length).toBeGreaterThanOrEqual(1);
    });
  });
});
