import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ProjectXAdapter } from "@/brokers/projectx/adapter";
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
