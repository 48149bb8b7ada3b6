import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { BrokerError, type AccountRef, type PlaceOrderRequest } from "@/brokers/types";
import { ManualFeed, RandomWalkFeed } from "@/lib/market/price-feed";
import { PaperAdapter } from "./adapter";

const ref: AccountRef = { accountId: "acc-1", userId: "user-1", mode: "demo", externalAccountId: null, credentials: null };

function setup() {
  const feed = new ManualFeed({ EURUSD: { bid: 1.085, ask: 1.08508 }, USDJPY: { bid: 149.995, ask: 150.005 }, MNQ: { bid: 17_500, ask: 17_500.25 } });
  return { feed, paper: new PaperAdapter(feed) };
}

async function order(paper: PaperAdapter, overrides: Partial<PlaceOrderRequest> & { ticker?: string } = {}) {
  const { ticker = "EURUSD", ...rest } = overrides;
  return paper.placeOrder(ref, { clientOrderId: "ord-1", instrument: await paper.instrument(ref, ticker), side: "buy", type: "market", qty: 1, ...rest });
}

describe("PaperAdapter.connect", () => {
  test("one USD account with 100,000 by default", async () => {
    const { paper } = setup();
    const { account, accounts } = await paper.connect({}, "demo");
    expect(account).toMatchObject({ balance: 100_000, equity: 100_000, currency: "USD", name: "Paper account" });
    expect(account.externalAccountId).toMatch(/^paper-[0-9a-f-]{36}$/);
    expect(accounts).toEqual([account]);
    expect((await paper.connect({}, "demo")).account.externalAccountId).not.toBe(account.externalAccountId);
  });

  test("takes a starting balance, with separators", async () => {
    const { paper } = setup();
    expect((await paper.connect({ starting_balance: "25000" }, "demo")).account.balance).toBe(25_000);
    expect((await paper.connect({ starting_balance: "$1,000,000.50" }, "demo")).account.balance).toBe(1_000_000.5);
    expect((await paper.connect({ starting_balance: " " }, "demo")).account.balance).toBe(100_000);
    expect(paper.credentialFields).toEqual([{ name: "starting_balance", label: "Starting balance (USD)", optional: true }]);
  });

  test.each(["0", "-5", "abc", "1e3", "10000000.01", "Infinity", "NaN"])("rejects starting balance %j with a reason", async (raw) => {
    const { paper } = setup();
    const err = await paper.connect({ starting_balance: raw }, "demo").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err).toMatchObject({ kind: "rejected" });
    expect((err as Error).message).toContain("Starting balance must be a positive number of USD up to 10,000,000");
  });
});

describe("PaperAdapter.instrument", () => {
  test("resolves TradingView tickers from the catalog", async () => {
    const { paper } = setup();
    expect(await paper.instrument(ref, "OANDA:EURUSD")).toMatchObject({ symbol: "EURUSD", brokerSymbol: "EURUSD", valuePerPoint: 100_000, qtyStep: 0.01 });
    expect(await paper.instrument(ref, "CME_MINI:MNQ1!")).toMatchObject({ symbol: "MNQ", kind: "index_future", minQty: 1, maxQty: 50, valuePerPoint: 2 });
  });

  test("values yen pairs at the current USDJPY", async () => {
    const { paper, feed } = setup();
    expect((await paper.instrument(ref, "USDJPY")).valuePerPoint).toBeCloseTo(100_000 / 150, 9);
    feed.set("USDJPY", { bid: 125, ask: 125 });
    expect((await paper.instrument(ref, "EURJPY")).valuePerPoint).toBe(800);
  });

  test("unknown symbols are a rejected BrokerError naming the symbol", async () => {
    const { paper } = setup();
    await expect(paper.instrument(ref, "NASDAQ:XYZ")).rejects.toThrow("Unknown symbol XYZ for the paper broker");
    await expect(paper.instrument(ref, "XYZ")).rejects.toBeInstanceOf(BrokerError);
    await expect(paper.instrument(ref, "XYZ")).rejects.toMatchObject({ kind: "rejected", brokerCode: "unknown_symbol" });
  });
});

describe("PaperAdapter.placeOrder", () => {
  test("market buys fill at once at the ask, sells at the bid", async () => {
    const { paper } = setup();
    expect(await order(paper, { qty: 0.25 })).toEqual({ status: "filled", brokerOrderId: "paper-ord-1", filledQty: 0.25, avgPrice: 1.08508 });
    expect(await order(paper, { side: "sell", clientOrderId: "ord-2" })).toMatchObject({ status: "filled", brokerOrderId: "paper-ord-2", avgPrice: 1.085 });
    expect(await order(paper, { ticker: "MNQZ5", qty: 3 })).toMatchObject({ status: "filled", filledQty: 3, avgPrice: 17_500.25 });
  });

  test("limit and stop orders rest as submitted", async () => {
    const { paper } = setup();
    expect(await order(paper, { type: "limit", price: 1.08 })).toEqual({ status: "submitted", brokerOrderId: "paper-ord-1", filledQty: 0 });
    expect(await order(paper, { type: "stop", price: 1.09, side: "buy", stopLoss: 1.08 })).toMatchObject({ status: "submitted" });
    expect(await order(paper, { type: "limit" })).toMatchObject({ status: "rejected", brokerCode: "invalid_price" });
  });

  test("quantities outside the instrument's constraints are rejected with the reason", async () => {
    const { paper } = setup();
    expect(await order(paper, { qty: 0.005 })).toMatchObject({ status: "rejected", reason: "Quantity 0.005 is below the minimum of 0.01 lots for EURUSD" });
    expect(await order(paper, { qty: 100.01 })).toMatchObject({ status: "rejected", reason: "Quantity 100.01 is above the maximum of 100 lots for EURUSD" });
    expect(await order(paper, { qty: 0.015 })).toMatchObject({ status: "rejected", reason: "Quantity 0.015 is not a multiple of 0.01 lots for EURUSD" });
    expect(await order(paper, { ticker: "MNQ", qty: 1.5 })).toMatchObject({ status: "rejected", reason: "Quantity 1.5 is not a multiple of 1 contracts for MNQ" });
    expect(await order(paper, { ticker: "MNQ", qty: 51 })).toMatchObject({ status: "rejected", brokerCode: "invalid_qty" });
  });

  test("every on-step quantity within limits fills in full", async () => {
    const { paper } = setup();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<"buy" | "sell">("buy", "sell"), async (hundredths, side) => {
        const result = await order(paper, { qty: hundredths / 100, side });
        expect(result).toMatchObject({ status: "filled", filledQty: hundredths / 100, avgPrice: side === "buy" ? 1.08508 : 1.085 });
      }),
      { numRuns: 50 },
    );
  });

  test("stops and targets on the wrong side of the price are rejected", async () => {
    const { paper } = setup();
    expect(await order(paper, { stopLoss: 1.0851 })).toMatchObject({ status: "rejected", brokerCode: "invalid_stops", reason: "Stop loss 1.0851 must be below the bid 1.085 for a buy" });
    expect(await order(paper, { side: "sell", takeProfit: 1.09 })).toMatchObject({ status: "rejected", reason: "Take profit 1.09 must be below the ask 1.08508 for a sell" });
    expect(await order(paper, { type: "limit", price: 1.08, takeProfit: 1.07 })).toMatchObject({ status: "rejected", reason: "Take profit 1.07 must be above the order price 1.08 for a buy" });
    expect(await order(paper, { trailing: { distance: 0 } })).toMatchObject({ status: "rejected", brokerCode: "invalid_stops" });
    expect(await order(paper, { stopLoss: 1.08, takeProfit: 1.09, trailing: { distance: 0.001 } })).toMatchObject({ status: "filled" });
  });

  test("unknown instruments and unpriced symbols are rejected values, not throws", async () => {
    const { paper } = setup();
    const eurusd = await paper.instrument(ref, "EURUSD");
    expect(await paper.placeOrder(ref, { clientOrderId: "x", instrument: { ...eurusd, symbol: "XYZ" }, side: "buy", type: "market", qty: 1 })).toMatchObject({
      status: "rejected",
      reason: "Unknown symbol XYZ for the paper broker",
    });
    const gbpusd = { ...eurusd, symbol: "GBPUSD" };
    expect(await paper.placeOrder(ref, { clientOrderId: "y", instrument: gbpusd, side: "buy", type: "market", qty: 1 })).toMatchObject({ status: "rejected", brokerCode: "no_price" });
  });

  test("the random walk feed fills on its own quote", async () => {
    const feed = new RandomWalkFeed();
    const paper = new PaperAdapter(feed);
    const result = await paper.placeOrder(ref, { clientOrderId: "w", instrument: await paper.instrument(ref, "ES1!"), side: "buy", type: "market", qty: 1 });
    const quote = feed.quote("ES");
    expect(result.status).toBe("filled");
    // The quote can move on a second boundary between the two calls; the fill is on tick near the ask.
    expect(Math.abs((result.avgPrice ?? 0) - quote.ask)).toBeLessThan(5);
    expect((result.avgPrice ?? 0) % 0.25).toBe(0);
  });
});

describe("PaperAdapter.closePosition", () => {
  test("a long closes at the bid with realised P&L", async () => {
    const { paper } = setup();
    const eurusd = await paper.instrument(ref, "EURUSD");
    const result = await paper.closePosition(ref, eurusd, undefined, { side: "buy", qty: 2, entryPrice: 1.08 });
    expect(result).toMatchObject({ status: "filled", filledQty: 2, avgPrice: 1.085, realizedPnl: 1000 });
    expect(result.brokerOrderId).toMatch(/^paper-close-/);
  });

  test("a short closes at the ask; partial and over-sized quantities", async () => {
    const { paper } = setup();
    const mnq = await paper.instrument(ref, "MNQ");
    const position = { side: "sell" as const, qty: 3, entryPrice: 17_510 };
    expect(await paper.closePosition(ref, mnq, 1, position)).toMatchObject({ filledQty: 1, avgPrice: 17_500.25, realizedPnl: 19.5 });
    expect(await paper.closePosition(ref, mnq, 10, position)).toMatchObject({ filledQty: 3, realizedPnl: 58.5 });
    expect(await paper.closePosition(ref, mnq, 0.5, position)).toMatchObject({ status: "rejected", brokerCode: "invalid_qty" });
  });

  test("yen P&L converts at the current USDJPY", async () => {
    const { paper } = setup();
    const usdjpy = await paper.instrument(ref, "USDJPY");
    // Short 1 lot from 151 closed at 150.005: 99,500 yen ≈ USD 663.33 at 150.
    expect(await paper.closePosition(ref, usdjpy, undefined, { side: "sell", qty: 1, entryPrice: 151 })).toMatchObject({ avgPrice: 150.005, realizedPnl: 663.33 });
  });

  test("looks the position up through options.openPosition when not given", async () => {
    const feed = new ManualFeed({ EURUSD: { bid: 1.1, ask: 1.1001 } });
    const seen: string[] = [];
    const paper = new PaperAdapter(feed, {
      openPosition: async (account, symbol) => {
        seen.push(`${account.accountId}:${symbol}`);
        return symbol === "EURUSD" ? { side: "buy", qty: 1, entryPrice: 1.09 } : null;
      },
    });
    expect(await paper.closePosition(ref, await paper.instrument(ref, "EURUSD"))).toMatchObject({ status: "filled", realizedPnl: 1000 });
    expect(seen).toEqual(["acc-1:EURUSD"]);
    expect(await paper.closePosition(ref, await paper.instrument(ref, "ES"))).toMatchObject({ status: "rejected", brokerCode: "no_position", reason: "No open paper position in ES to close" });
  });

  test("without a position or a lookup it is a wiring error", async () => {
    const { paper } = setup();
    await expect(paper.closePosition(ref, await paper.instrument(ref, "EURUSD"))).rejects.toThrow("needs the position");
  });
});

describe("PaperAdapter book queries", () => {
  test("the paper book lives in our database: nothing to find, list, flatten or cancel here", async () => {
    const { paper } = setup();
    expect(await paper.findOrder(ref, "ord-1")).toBeNull();
    expect(await paper.closeAll(ref)).toEqual({ closed: 0, errors: [] });
    expect(await paper.cancelOrders(ref)).toBe(0);
    expect(await paper.positions(ref)).toEqual([]);
    expect(await paper.orders(ref)).toEqual([]);
    expect(await paper.accountState(ref)).toEqual({ balance: 0, equity: 0, margin: 0, currency: "USD", positions: [] });
    expect(paper.health()).toBe("operational");
    expect(paper.id).toBe("paper");
  });

  test("without a feed it uses the process-wide default", () => {
    expect(new PaperAdapter().feed).toBe(new PaperAdapter().feed);
  });
});
