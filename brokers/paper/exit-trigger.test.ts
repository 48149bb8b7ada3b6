import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { exitTrigger } from "./exit-trigger";
import { priceArb, quoteNear, sideArb } from "./test-arbitraries";

const q = (bid: number, ask: number) => ({ bid, ask });

describe("exitTrigger", () => {
  test("a long's stop is checked against the bid, a short's against the ask", () => {
    expect(exitTrigger({ side: "buy", stopLoss: 1.1 }, q(1.1001, 1.1003))).toBeNull();
    expect(exitTrigger({ side: "buy", stopLoss: 1.1 }, q(1.1, 1.1002))).toEqual({ reason: "stop_loss", price: 1.1 });
    // The ask touching a long's stop is not enough: a long sells at the bid.
    expect(exitTrigger({ side: "buy", stopLoss: 1.1 }, q(1.0999, 1.1))).toEqual({ reason: "stop_loss", price: 1.0999 });
    expect(exitTrigger({ side: "sell", stopLoss: 1.1 }, q(1.0998, 1.0999))).toBeNull();
    expect(exitTrigger({ side: "sell", stopLoss: 1.1 }, q(1.0999, 1.1001))).toEqual({ reason: "stop_loss", price: 1.1001 });
  });

  test("take-profit triggers at the exit side too", () => {
    expect(exitTrigger({ side: "buy", takeProfit: 1.2 }, q(1.1999, 1.2001))).toBeNull();
    expect(exitTrigger({ side: "buy", takeProfit: 1.2 }, q(1.2, 1.2002))).toEqual({ reason: "take_profit", price: 1.2 });
    expect(exitTrigger({ side: "sell", takeProfit: 1.0 }, q(0.9997, 1.0))).toEqual({ reason: "take_profit", price: 1.0 });
  });

  test("gaps fill at the quote, not at the level", () => {
    expect(exitTrigger({ side: "buy", stopLoss: 5000, takeProfit: 5100 }, q(4950, 4950.25))).toEqual({ reason: "stop_loss", price: 4950 });
    expect(exitTrigger({ side: "buy", stopLoss: 5000, takeProfit: 5100 }, q(5150, 5150.25))).toEqual({ reason: "take_profit", price: 5150 });
    expect(exitTrigger({ side: "sell", stopLoss: 5100, takeProfit: 5000 }, q(5149.75, 5150))).toEqual({ reason: "stop_loss", price: 5150 });
  });

  test("of a stop loss and a trailing stop, the tighter one was hit first", () => {
    expect(exitTrigger({ side: "buy", stopLoss: 90, trailingStop: 95 }, q(80, 80.1))).toEqual({ reason: "trailing_stop", price: 80 });
    expect(exitTrigger({ side: "buy", stopLoss: 96, trailingStop: 95 }, q(80, 80.1))).toEqual({ reason: "stop_loss", price: 80 });
    expect(exitTrigger({ side: "sell", stopLoss: 110, trailingStop: 105 }, q(119.9, 120))).toEqual({ reason: "trailing_stop", price: 120 });
    expect(exitTrigger({ side: "buy", stopLoss: 95, trailingStop: 95 }, q(94, 94.1))).toEqual({ reason: "stop_loss", price: 94 });
  });

  test("no levels, no exit", () => {
    expect(exitTrigger({ side: "buy" }, q(1, 2))).toBeNull();
  });

  test("an exit always fills at the exit side of the quote, and only when a level is crossed", () => {
    const levels = fc.option(fc.double({ min: 0.9, max: 1.1, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(sideArb, priceArb, levels, levels, (side, price, sl, tp) => {
        const position = { side, stopLoss: sl && price * (side === "buy" ? Math.min(sl, 0.999) : Math.max(sl, 1.001)), takeProfit: tp && price * (side === "buy" ? Math.max(tp, 1.001) : Math.min(tp, 0.999)) };
        fc.assert(
          fc.property(quoteNear(price), (quote) => {
            const exit = exitTrigger(position, quote);
            const px = side === "buy" ? quote.bid : quote.ask;
            const stopHit = position.stopLoss !== undefined && (side === "buy" ? px <= position.stopLoss : px >= position.stopLoss);
            const tpHit = position.takeProfit !== undefined && (side === "buy" ? px >= position.takeProfit : px <= position.takeProfit);
            expect(exit).toEqual(stopHit ? { reason: "stop_loss", price: px } : tpHit ? { reason: "take_profit", price: px } : null);
          }),
          { numRuns: 10 },
        );
      }),
      { numRuns: 50 },
    );
  });
});
