import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { grossProfitLoss, profitFactor } from "./profit-factor";

// Money in cents, as realised P&L is stored.
const pnl = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((c) => c / 100);

describe("profitFactor", () => {
  test("gross profit 130 over gross loss 70 → 1.857…", () => {
    expect(grossProfitLoss([100, -50, 30, -20, 0])).toEqual({ grossProfit: 130, grossLoss: 70 });
    expect(profitFactor([100, -50, 30, -20, 0])).toBeCloseTo(130 / 70, 12);
  });

  test("winners only → ∞, losers only → 0, nothing decisive → null", () => {
    expect(profitFactor([10, 5])).toBe(Number.POSITIVE_INFINITY);
    expect(profitFactor([-10, -5])).toBe(0);
    expect(profitFactor([0, 0])).toBeNull();
    expect(profitFactor([])).toBeNull();
  });

  test("above 1 exactly when the trades net a profit (with at least one loser)", () => {
    fc.assert(
      fc.property(fc.array(pnl, { maxLength: 100 }), fc.double({ min: -1e6, max: -0.01, noNaN: true }), (rest, loser) => {
        const pnls = [...rest, loser];
        const { grossProfit, grossLoss } = grossProfitLoss(pnls);
        const pf = profitFactor(pnls)!;
        expect(pf).toBeGreaterThanOrEqual(0);
        if (grossProfit > grossLoss * (1 + 1e-9)) expect(pf).toBeGreaterThan(1);
        if (grossProfit < grossLoss * (1 - 1e-9)) expect(pf).toBeLessThan(1);
      }),
    );
  });

  test("does not depend on position size: scaling every trade by k > 0 keeps the ratio", () => {
    fc.assert(
      fc.property(fc.array(pnl, { minLength: 1, maxLength: 100 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (pnls, k) => {
        const pf = profitFactor(pnls);
        const scaled = profitFactor(pnls.map((p) => p * k));
        if (pf === null || !Number.isFinite(pf)) expect(scaled).toBe(pf);
        else expect(scaled).toBeCloseTo(pf, 6);
      }),
    );
  });
});
