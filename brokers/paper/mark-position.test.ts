import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { markPosition, type PaperPosition } from "./mark-position";
import { quoteNear, sideArb } from "./test-arbitraries";

describe("markPosition", () => {
  const long: PaperPosition = { side: "buy", qty: 1, entryPrice: 1.1, stopLoss: 1.09, takeProfit: 1.12 };

  test("marks a long at the bid with unrealised P&L", () => {
    expect(markPosition(long, { bid: 1.105, ask: 1.1051 }, 100_000)).toEqual({ markPrice: 1.105, unrealizedPnl: 500, trailingStop: undefined, exit: null });
  });

  test("reports the exit and its P&L when a level is crossed", () => {
    expect(markPosition(long, { bid: 1.085, ask: 1.0851 }, 100_000)).toEqual({
      markPrice: 1.085,
      unrealizedPnl: -1500,
      trailingStop: undefined,
      exit: { reason: "stop_loss", price: 1.085 },
    });
  });

  test("starts and ratchets a trailing stop, which a later quote can hit", () => {
    const short: PaperPosition = { side: "sell", qty: 2, entryPrice: 5000, trailingDistance: 10 };
    const first = markPosition(short, { bid: 4990, ask: 4990.25 }, 50, 0.25);
    expect(first.trailingStop).toBe(5000.25);
    const second = markPosition({ ...short, trailingStop: first.trailingStop }, { bid: 4980, ask: 4980.25 }, 50, 0.25);
    expect(second.trailingStop).toBe(4990.25);
    const hit = markPosition({ ...short, trailingStop: second.trailingStop }, { bid: 4990.25, ask: 4990.5 }, 50, 0.25);
    expect(hit.exit).toEqual({ reason: "trailing_stop", price: 4990.5 });
    expect(hit.unrealizedPnl).toBe(950);
  });

  test("a trailing position run tick by tick exits no worse than its trailing level allows", () => {
    fc.assert(
      fc.property(sideArb, fc.array(quoteNear(100), { minLength: 2, maxLength: 30 }), (side, quotes) => {
        let position: PaperPosition = { side, qty: 1, entryPrice: 100, trailingDistance: 1 };
        for (const quote of quotes) {
          const before = position.trailingStop;
          const mark = markPosition(position, quote, 1);
          if (mark.exit) {
            expect(mark.exit.reason).toBe("trailing_stop");
            expect(side === "buy" ? mark.exit.price <= (before ?? 0) : mark.exit.price >= (before ?? Infinity)).toBe(true);
            return;
          }
          position = { ...position, trailingStop: mark.trailingStop };
        }
      }),
    );
  });
});
