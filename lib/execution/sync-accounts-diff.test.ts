import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { BrokerPosition } from "@/brokers/types";
import { diffPositions, netBrokerPositions, type BrokerNet, type TrackedPosition } from "./sync-accounts-diff";

const ours = (over: Partial<TrackedPosition> = {}): TrackedPosition => ({
  id: "p1",
  symbol: "MNQ",
  side: "buy",
  qty: 2,
  entry_price: 20_000,
  current_price: 20_010,
  value_per_point: 2,
  ...over,
});
const theirs = (over: Partial<BrokerNet> = {}): BrokerNet => ({ symbol: "MNQ", side: "buy", qty: 2, entryPrice: 20_000, ...over });

describe("diffPositions", () => {
  test("a position the broker no longer has is closed at its last mark, with the P&L of that mark", () => {
    expect(diffPositions([ours()], [])).toEqual([{ kind: "close", position: ours(), exitPrice: 20_010, realizedPnl: 40 }]);
    const short = ours({ side: "sell", current_price: null });
    expect(diffPositions([short], [])).toEqual([{ kind: "close", position: short, exitPrice: 20_000, realizedPnl: 0 }]);
  });

  test("a position only the broker has is added; one on the other side is closed and re-added", () => {
    const eur: BrokerNet = { symbol: "EURUSD", side: "sell", qty: 0.5, entryPrice: 1.1 };
    expect(diffPositions([], [eur])).toEqual([{ kind: "add", broker: eur }]);
    const flipped = theirs({ side: "sell", qty: 1 });
    expect(diffPositions([ours()], [flipped]).map((c) => c.kind)).toEqual(["close", "add"]);
  });

  test("a size change is a resize: a reduction realises the closed part at the mark, an add-on takes the broker's average", () => {
    const [reduced] = diffPositions([ours()], [theirs({ qty: 1, markPrice: 20_020 })]);
    expect(reduced).toMatchObject({ kind: "resize", qty: 1, entryPrice: 20_000, exitPrice: 20_020, realizedPnl: 40 });
    const [grown] = diffPositions([ours()], [theirs({ qty: 3, entryPrice: 20_005 })]);
    expect(grown).toMatchObject({ kind: "resize", qty: 3, entryPrice: 20_005, realizedPnl: 0 });
  });

  test("a matching position only takes a new mark, and nothing when the broker gives none", () => {
    expect(diffPositions([ours()], [theirs({ markPrice: 20_030 })])).toEqual([{ kind: "mark", position: ours(), currentPrice: 20_030, unrealizedPnl: 120 }]);
    expect(diffPositions([ours()], [theirs()])).toEqual([]);
  });

  test("symbols with an order in flight are left alone on both sides", () => {
    const skip = new Set(["MNQ", "ES"]);
    expect(diffPositions([ours()], [theirs({ symbol: "ES" })], skip)).toEqual([]);
  });

  test("after applying the changes both sides hold the same symbols, sides and sizes", () => {
    const symbols = fc.constantFrom("MNQ", "ES", "EURUSD", "XAUUSD");
    const pos = fc.record({ symbol: symbols, side: fc.constantFrom("buy" as const, "sell" as const), qty: fc.integer({ min: 1, max: 50 }) });
    fc.assert(
      fc.property(fc.uniqueArray(pos, { selector: (p) => p.symbol }), fc.uniqueArray(pos, { selector: (p) => p.symbol }), (a, b) => {
        const mine = a.map((p, i) => ours({ id: `p${i}`, ...p }));
        const broker = b.map((p) => theirs(p));
        const book = new Map(mine.map((p) => [p.symbol, { side: p.side, qty: p.qty }]));
        for (const c of diffPositions(mine, broker)) {
          if (c.kind === "close") book.delete(c.position.symbol);
          if (c.kind === "add") book.set(c.broker.symbol, { side: c.broker.side, qty: c.broker.qty });
          if (c.kind === "resize") book.set(c.position.symbol, { side: c.position.side, qty: c.qty });
        }
        expect(book).toEqual(new Map(broker.map((p) => [p.symbol, { side: p.side, qty: p.qty }])));
      }),
    );
  });
});

describe("netBrokerPositions", () => {
  const row = (over: Partial<BrokerPosition>): BrokerPosition => ({ symbol: "EURUSD", side: "buy", qty: 1, entryPrice: 1.1, ...over });

  test("hedged rows net per symbol; flat nets disappear", () => {
    const net = netBrokerPositions([row({ qty: 1 }), row({ side: "sell", qty: 0.4, entryPrice: 1.2 }), row({ symbol: "GBPUSD" }), row({ symbol: "GBPUSD", side: "sell" })], () => 100_000);
    expect(net).toEqual([expect.objectContaining({ symbol: "EURUSD", side: "buy", qty: 0.6, entryPrice: 1.1 })]);
  });

  test("the mark is the broker's price, else derived from its unrealised P&L", () => {
    expect(netBrokerPositions([row({ currentPrice: 1.105 })], () => 100_000)[0].markPrice).toBe(1.105);
    const [short] = netBrokerPositions([row({ side: "sell", qty: 0.5, unrealizedPnl: 50 })], () => 100_000);
    expect(short.markPrice).toBeCloseTo(1.099, 10);
    expect(netBrokerPositions([row({ unrealizedPnl: 50 })], () => undefined)[0].markPrice).toBeUndefined();
  });
});
