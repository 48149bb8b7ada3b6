import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ProjectXAdapter } from "@/brokers/projectx/adapter";
import type { Instrument } from "@/brokers/types";
import { startProjectXFake, type ProjectXFake } from "@/tests/fakes/projectx";
import { projectXCreds } from "@/tests/support/broker-fakes";
import { closeFake, demoRef, orderIds, seen, startFake, testDeps, withOwnFake } from "./harness";

let px: ProjectXFake;
let adapter: ProjectXAdapter;
const creds = () => projectXCreds(px);
const ref = () => demoRef(creds());
const placements = () => seen(px.requests, "POST", /^\/api\/Order\/place$/);
const newId = orderIds("7a1c9e55-0b3d-4f6a-9e21-");

beforeAll(async () => {
  px = await startFake("PROJECTX_BASE_URL", startProjectXFake);
});
beforeEach(() => {
  px.reset();
  px.setPrice("MNQ", 20_000);
  adapter = new ProjectXAdapter(testDeps());
});
afterEach(() => expect(px.violations).toEqual([]));
afterAll(() => closeFake("PROJECTX_BASE_URL", px));

describe("Topstep (ProjectX) adapter against the contract fake", () => {
  test("connect lists the tradable accounts", async () => {
    const result = await adapter.connect(creds(), "demo");
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(result.account).toMatchObject({ externalAccountId: expect.any(String), currency: "USD" });
    expect(result.account.balance).toBeGreaterThan(0);
  });

  test("a wrong API key is unauthorized, readable, and does not echo the key", async () => {
    const attempt = adapter.connect({ ...creds(), api_key: "px-wrong-key-987654" }, "demo");
    await expect(attempt).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringContaining("did not accept") });
    await attempt.catch((e: Error) => expect(e.message).not.toContain("px-wrong-key-987654"));
  });

  test("continuous and dated tickers resolve to contracts with tick value", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    expect(mnq).toMatchObject({ symbol: "MNQ", tickSize: 0.25, valuePerPoint: 2, minQty: 1, maxQty: 50 });
    expect(mnq.brokerSymbol).toMatch(/^CON\.F\.US\.MNQ\.[FGHJKMNQUVXZ]\d\d$/);
    const dated = await adapter.instrument(ref(), `MNQ${mnq.brokerSymbol.slice(-3, -2)}20${mnq.brokerSymbol.slice(-2)}`);
    expect(dated.brokerSymbol).toBe(mnq.brokerSymbol);
  });

  test("ES1! and NQ1! pick the product's own contract (EP, ENQ) among what the search also returns (MES, MNQ)", async () => {
    expect(await adapter.instrument(ref(), "ES1!")).toMatchObject({ symbol: "ES", brokerSymbol: expect.stringMatching(/^CON\.F\.US\.EP\./), valuePerPoint: 50 });
    expect(await adapter.instrument(ref(), "MES1!")).toMatchObject({ symbol: "MES", brokerSymbol: expect.stringMatching(/^CON\.F\.US\.MES\./), valuePerPoint: 5 });
    expect(await adapter.instrument(ref(), "NQ1!")).toMatchObject({ symbol: "NQ", brokerSymbol: expect.stringMatching(/^CON\.F\.US\.ENQ\./), valuePerPoint: 20 });
  });

  test("connect → place with brackets → positions → partial close → flatten", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    const placed = await adapter.placeOrder(ref(), {
      clientOrderId: id,
      instrument: mnq,
      side: "buy",
      type: "market",
      qty: 3,
      price: 20_000,
      stopLoss: 19_990,
      takeProfit: 20_020,
    });
    expect(placed).toMatchObject({ status: "filled", brokerOrderId: expect.any(String) });
    expect(placements()[0].body).toMatchObject({ customTag: id, type: 2, side: 0, size: 3, stopLossBracket: { type: 4 }, takeProfitBracket: { type: 1 } });

    expect(await adapter.positions(ref())).toEqual([expect.objectContaining({ symbol: "MNQ", side: "buy", qty: 3 })]);
    expect(await adapter.closePosition(ref(), mnq, 1)).toMatchObject({ status: "filled", filledQty: 1 });
    expect((await adapter.positions(ref()))[0].qty).toBe(2);
    expect(await adapter.closeAll(ref())).toEqual({ closed: 1, errors: [] });
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("a market bracket without a reference price is refused before anything is sent", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1, stopLoss: 19_990 });
    expect(placed).toMatchObject({ status: "rejected", reason: expect.stringContaining("reference price") });
    expect(placements()).toHaveLength(0);
  });

  test("a 401 re-logs in once and the call succeeds", async () => {
    await adapter.positions(ref());
    const logins = () => seen(px.requests, "POST", /^\/api\/Auth\/loginKey$/).length;
    const before = logins();
    px.failNextWith401("/api/Position/searchOpen");
    expect(await adapter.positions(ref())).toEqual([]);
    expect(logins()).toBe(before + 1);
  });

  test("a 429 with Retry-After is waited out", async () => {
    adapter = new ProjectXAdapter(testDeps(1_500));
    await adapter.positions(ref());
    px.respond429Next(1, "/api/Position/searchOpen");
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("an answer slower than the timeout is pending; findOrder finds it by customTag, one order only", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    px.delayNextMs(1_500, { match: "/api/Order/place" });
    expect((await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "sell", type: "market", qty: 1 })).status).toBe("pending");
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled" });
    expect(placements()).toHaveLength(1);
  });

  test("a dropped connection on placeOrder is pending; findOrder settles it (no double order)", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const id = newId();
    px.dropNextConnection();
    expect((await adapter.placeOrder(ref(), { clientOrderId: id, instrument: mnq, side: "buy", type: "market", qty: 2 })).status).toBe("pending");
    expect(await adapter.findOrder(ref(), id)).toMatchObject({ status: "filled", filledQty: 2 });
    expect(placements()).toHaveLength(1);
    expect(await adapter.findOrder(ref(), newId())).toBeNull();
  });

  test("success:false is a rejected value with the broker's message and code", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    px.rejectNextOrder("Maximum position size exceeded");
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1 });
    expect(placed).toMatchObject({ status: "rejected", reason: expect.stringContaining("Maximum position size"), brokerCode: expect.any(String) });
  });

  test("a partial fill is reported with the filled volume", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    px.partialFillNext(0.5);
    const placed = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 4 });
    expect(placed).toMatchObject({ status: "partially_filled", filledQty: 2 });
  });

  test("cancelOrders cancels a resting entry and keeps the brackets of an open position", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1, price: 20_000, stopLoss: 19_990 });
    const resting = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "limit", qty: 1, price: 19_500 });
    expect(resting.status).toBe("submitted");
    expect(await adapter.cancelOrders(ref(), mnq)).toBe(1);
    const left = await adapter.orders(ref());
    expect(left.some((o) => o.side === "sell")).toBe(true);
    expect(left.some((o) => o.price === 19_500)).toBe(false);
  });
});

describe("Topstep (ProjectX) across a contract roll", () => {
  /** The instrument a ticker resolves to once the broker's active contract has rolled to the next quarter. */
  const rolled = (front: Instrument): Instrument => {
    // Any month other than the one held: the fake lists the front month only.
    const next = "CON.F.US.MNQ.U99";
    return { ...front, brokerSymbol: next, meta: { ...front.meta, contractId: next } };
  };

  test("a position opened before the roll is closed — in part, then whole — in the month it is held in", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 3 });
    const after = rolled(mnq);

    expect(await adapter.closePosition(ref(), after, 1)).toMatchObject({ status: "filled", filledQty: 1 });
    expect(seen(px.requests, "POST", /^\/api\/Position\/partialCloseContract$/).map((r) => r.body)).toEqual([expect.objectContaining({ contractId: mnq.brokerSymbol, size: 1 })]);
    expect((await adapter.positions(ref()))[0]).toMatchObject({ symbol: "MNQ", qty: 2 });

    expect(await adapter.closePosition(ref(), after)).toMatchObject({ status: "filled", filledQty: 2 });
    expect(seen(px.requests, "POST", /^\/api\/Position\/closeContract$/).map((r) => r.body)).toEqual([expect.objectContaining({ contractId: mnq.brokerSymbol })]);
    expect(await adapter.positions(ref())).toEqual([]);
  });

  test("with two months held, the resolved one is closed; a third month is refused rather than guessed", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const after = rolled(mnq);
    const front = px.book.contract(mnq.brokerSymbol)!;
    px.book.contracts.push({ ...front, id: after.brokerSymbol, name: "MNQU99" });
    px.book.prices.set(after.brokerSymbol, 20_000);
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "market", qty: 1 });
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: after, side: "sell", type: "market", qty: 2 });

    const third = { ...mnq, brokerSymbol: "CON.F.US.MNQ.M98", meta: { ...mnq.meta, contractId: "CON.F.US.MNQ.M98" } };
    expect(await adapter.closePosition(ref(), third)).toMatchObject({ status: "rejected", reason: expect.stringContaining("several contract months") });
    expect(await adapter.closePosition(ref(), after)).toMatchObject({ status: "filled", filledQty: 2 });
    expect(await adapter.positions(ref())).toEqual([expect.objectContaining({ symbol: "MNQ", side: "buy", qty: 1 })]);
  });

  test("closing a symbol with no position in any month is refused without a close request", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const nq = await adapter.instrument(ref(), "NQ1!");
    await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: nq, side: "buy", type: "market", qty: 1 });
    expect(await adapter.closePosition(ref(), rolled(mnq))).toMatchObject({ status: "rejected", reason: expect.stringContaining("No open Topstep position in MNQ") });
    expect(seen(px.requests, "POST", /^\/api\/Position\//).filter((r) => !r.path.endsWith("/searchOpen"))).toEqual([]);
  });

  test("cancelOrders of a symbol also cancels its resting order in the month before the roll", async () => {
    const mnq = await adapter.instrument(ref(), "MNQ1!");
    const resting = await adapter.placeOrder(ref(), { clientOrderId: newId(), instrument: mnq, side: "buy", type: "limit", qty: 1, price: 19_500 });
    expect(await adapter.cancelOrders(ref(), rolled(mnq))).toBe(1);
    expect(seen(px.requests, "POST", /^\/api\/Order\/cancel$/).map((r) => String((r.body as { orderId: number }).orderId))).toEqual([resting.brokerOrderId]);
  });
});

describe("ProjectX token lifecycle", () => {
  test("a session close to its 24 h expiry is revalidated, not logged in again", async () => {
    await withOwnFake("PROJECTX_BASE_URL", () => startProjectXFake({ tokenTtlSec: 1_800 }), async (shortLived) => {
      const a = new ProjectXAdapter(testDeps());
      const r = demoRef(projectXCreds(shortLived));
      await a.positions(r);
      await a.positions(r);
      expect(seen(shortLived.requests, "POST", /^\/api\/Auth\/loginKey$/)).toHaveLength(1);
      expect(seen(shortLived.requests, "POST", /^\/api\/Auth\/validate$/).length).toBeGreaterThanOrEqual(1);
    });
  });
});
