import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { netFill } from "./net-fill";

describe("netFill", () => {
  test("opens, adds with a weighted entry, reduces, closes and flips", () => {
    const open = netFill(null, { side: "buy", qty: 1, price: 1.1 }, 100_000);
    expect(open.position).toEqual({ side: "buy", qty: 1, entryPrice: 1.1 });
    const added = netFill(open.position, { side: "buy", qty: 1, price: 1.2 }, 100_000);
    expect(added.position?.qty).toBe(2);
    expect(added.position?.entryPrice).toBeCloseTo(1.15, 10);
    const reduced = netFill(added.position, { side: "sell", qty: 0.5, price: 1.16 }, 100_000);
    expect(reduced.position?.qty).toBe(1.5);
    expect(reduced.realizedPnl).toBeCloseTo(500, 2);
    const flipped = netFill(reduced.position, { side: "sell", qty: 2, price: 1.14 }, 100_000);
    expect(flipped.flipped).toBe(true);
    expect(flipped.position).toEqual({ side: "sell", qty: 0.5, entryPrice: 1.14 });
    expect(flipped.realizedPnl).toBeCloseTo(-1500, 2);
    const closed = netFill(flipped.position, { side: "buy", qty: 0.5, price: 1.13 }, 100_000);
    expect(closed.position).toBeNull();
    expect(closed.realizedPnl).toBeCloseTo(500, 2);
  });

  test("short positions profit when price falls", () => {
    const r = netFill({ side: "sell", qty: 2, entryPrice: 20000 }, { side: "buy", qty: 2, price: 19990 }, 2);
    expect(r.realizedPnl).toBe(40);
  });

  test("a round trip at the same price realises nothing and always ends flat", () => {
    fc.assert(
      fc.property(fc.constantFrom("buy", "sell" as const), fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.5, max: 50_000, noNaN: true }), (side, lots, price) => {
        const qty = lots / 100;
        const opened = netFill(null, { side, qty, price }, 10);
        const closed = netFill(opened.position, { side: side === "buy" ? "sell" : "buy", qty, price }, 10);
        expect(closed.position).toBeNull();
        expect(Math.abs(closed.realizedPnl)).toBe(0);
      }),
    );
  });

  test("closed quantity never exceeds the position", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b) => {
        const r = netFill({ side: "buy", qty: a / 100, entryPrice: 100 }, { side: "sell", qty: b / 100, price: 101 }, 1);
        expect(r.closedQty).toBeLessThanOrEqual(a / 100 + 1e-9);
      }),
    );
  });
});
