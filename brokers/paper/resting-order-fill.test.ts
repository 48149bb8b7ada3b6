import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { restingOrderFill } from "./resting-order-fill";
import { priceArb, quoteNear, sideArb } from "./test-arbitraries";

const q = (bid: number, ask: number) => ({ bid, ask });

describe("restingOrderFill", () => {
  test("limit buy fills once the ask is at or below the limit, at the ask", () => {
    const order = { side: "buy", type: "limit", price: 1.1 } as const;
    expect(restingOrderFill(order, q(1.1001, 1.1003))).toBeNull();
    expect(restingOrderFill(order, q(1.0998, 1.1))).toBe(1.1);
    expect(restingOrderFill(order, q(1.0950, 1.0952))).toBe(1.0952); // gapped down: the better price
  });

  test("limit sell fills once the bid is at or above the limit, at the bid", () => {
    const order = { side: "sell", type: "limit", price: 1.1 } as const;
    expect(restingOrderFill(order, q(1.0999, 1.1001))).toBeNull();
    expect(restingOrderFill(order, q(1.105, 1.1052))).toBe(1.105);
  });

  test("stop buy triggers when the ask reaches the stop and fills at the ask", () => {
    const order = { side: "buy", type: "stop", price: 5000 } as const;
    expect(restingOrderFill(order, q(4999.5, 4999.75))).toBeNull();
    expect(restingOrderFill(order, q(4999.75, 5000))).toBe(5000);
    expect(restingOrderFill(order, q(5010, 5010.25))).toBe(5010.25); // gapped through: fills at the quote
  });

  test("stop sell triggers when the bid reaches the stop and fills at the bid", () => {
    const order = { side: "sell", type: "stop", price: 5000 } as const;
    expect(restingOrderFill(order, q(5000.25, 5000.5))).toBeNull();
    expect(restingOrderFill(order, q(4990, 4990.25))).toBe(4990);
  });

  test("market orders fill at once; limit/stop without a price are a programming error", () => {
    expect(restingOrderFill({ side: "buy", type: "market" }, q(1, 1.1))).toBe(1.1);
    expect(() => restingOrderFill({ side: "buy", type: "limit" }, q(1, 1.1))).toThrow(RangeError);
  });

  test("a limit never fills worse than its limit; a fill is always at the quote's side", () => {
    fc.assert(
      fc.property(sideArb, priceArb.chain((level) => fc.tuple(fc.constant(level), quoteNear(level))), (side, [level, quote]) => {
        const fill = restingOrderFill({ side, type: "limit", price: level }, quote);
        const market = side === "buy" ? quote.ask : quote.bid;
        if (fill === null) {
          expect(side === "buy" ? market > level : market < level).toBe(true);
        } else {
          expect(side === "buy" ? fill <= level : fill >= level).toBe(true);
          expect(fill).toBe(market);
        }
      }),
    );
  });

  test("a stop triggers exactly when the market reaches it and fills at the market", () => {
    fc.assert(
      fc.property(sideArb, priceArb.chain((level) => fc.tuple(fc.constant(level), quoteNear(level))), (side, [level, quote]) => {
        const fill = restingOrderFill({ side, type: "stop", price: level }, quote);
        const market = side === "buy" ? quote.ask : quote.bid;
        const reached = side === "buy" ? market >= level : market <= level;
        expect(fill).toBe(reached ? market : null);
      }),
    );
  });
});
