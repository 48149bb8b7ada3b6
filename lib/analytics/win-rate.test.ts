import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { winRate } from "./win-rate";

// Money in cents, as realised P&L is stored.
const pnl = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((c) => c / 100);

describe("winRate", () => {
  test("2 winners of 4 trades, a breakeven counting as a trade but not a win → 0.5", () => {
    expect(winRate([120, -40, 0, 15.5])).toBe(0.5);
    expect(winRate([-1, -2])).toBe(0);
    expect(winRate([3])).toBe(1);
  });

  test("no trades → null, not 0 %", () => {
    expect(winRate([])).toBeNull();
  });

  test("always between 0 and 1, and exactly the share of positive P&Ls, whatever the order", () => {
    fc.assert(
      fc.property(fc.array(pnl, { minLength: 1, maxLength: 200 }), (pnls) => {
        const rate = winRate(pnls)!;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
        expect(Math.round(rate * pnls.length)).toBe(pnls.filter((p) => p > 0).length);
        expect(winRate([...pnls].reverse())).toBe(rate);
      }),
    );
  });
});
