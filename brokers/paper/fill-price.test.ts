import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { exitPrice, marketFillPrice } from "./fill-price";
import { quoteArb, sideArb } from "./test-arbitraries";

describe("fill prices", () => {
  test("market buys pay the ask, sells receive the bid", () => {
    expect(marketFillPrice("buy", { bid: 1.1, ask: 1.1002 })).toBe(1.1002);
    expect(marketFillPrice("sell", { bid: 1.1, ask: 1.1002 })).toBe(1.1);
  });

  test("a long exits at the bid, a short at the ask", () => {
    expect(exitPrice("buy", { bid: 1.1, ask: 1.1002 })).toBe(1.1);
    expect(exitPrice("sell", { bid: 1.1, ask: 1.1002 })).toBe(1.1002);
  });

  test("a round trip never gains from the spread", () => {
    fc.assert(
      fc.property(sideArb, quoteArb, (side, quote) => {
        const entry = marketFillPrice(side, quote);
        const exit = exitPrice(side, quote);
        expect(side === "buy" ? exit - entry : entry - exit).toBeLessThanOrEqual(0);
      }),
    );
  });
});
