import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { expectancy } from "./expectancy";

describe("expectancy", () => {
  test("(100 − 50 + 30 − 20) / 4 trades = 15 per trade", () => {
    expect(expectancy([100, -50, 30, -20])).toBe(15);
    expect(expectancy([-7])).toBe(-7);
  });

  test("no trades → null", () => {
    expect(expectancy([])).toBeNull();
  });

  test("times the trade count gives the net P&L, and lies between the worst and best trade", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (pnls) => {
        const e = expectancy(pnls)!;
        const sum = pnls.reduce((s, p) => s + p, 0);
        expect(e * pnls.length).toBeCloseTo(sum, 3);
        expect(e).toBeGreaterThanOrEqual(Math.min(...pnls) - 1e-6);
        expect(e).toBeLessThanOrEqual(Math.max(...pnls) + 1e-6);
      }),
    );
  });
});
