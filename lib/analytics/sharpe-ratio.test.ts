import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sharpeRatio } from "./sharpe-ratio";

// Daily returns between −20 % and +20 %, on a 1e-6 grid so variance is never float dust.
const dailyReturn = fc.integer({ min: -200_000, max: 200_000 }).map((n) => n / 1e6);
const spread = fc.array(dailyReturn, { minLength: 2, maxLength: 120 }).filter((rs) => new Set(rs).size > 1);

describe("sharpeRatio", () => {
  test("returns 1 % and 3 %: mean 2 %, sample sd √0.0002 → √2 × √252 = √504", () => {
    expect(sharpeRatio([0.01, 0.03])).toBeCloseTo(Math.sqrt(504), 9);
  });

  test("+1 % then −1 % averages nothing → 0", () => {
    expect(sharpeRatio([0.01, -0.01])).toBe(0);
  });

  test("fewer than two returns, or a flat series (zero variance) → null", () => {
    expect(sharpeRatio([])).toBeNull();
    expect(sharpeRatio([0.02])).toBeNull();
    expect(sharpeRatio([0.001, 0.001, 0.001])).toBeNull();
    expect(sharpeRatio([0, 0])).toBeNull();
  });

  test("has the sign of the mean return, and flipping every return flips it", () => {
    fc.assert(
      fc.property(spread, (rs) => {
        const s = sharpeRatio(rs)!;
        const mean = rs.reduce((a, r) => a + r, 0) / rs.length;
        expect(Math.sign(s) + 0).toBe(Math.sign(mean) + 0);
        expect(sharpeRatio(rs.map((r) => -r))).toBeCloseTo(-s, 9);
      }),
    );
  });

  test("does not depend on leverage: scaling every return by k > 0 keeps the ratio", () => {
    fc.assert(
      fc.property(spread, fc.integer({ min: 1, max: 50 }), (rs, k) => {
        // Relative: with nearly equal returns the ratio is huge, and floating point keeps ~12 digits of it.
        const base = sharpeRatio(rs)!;
        expect(Math.abs(sharpeRatio(rs.map((r) => r * k))! - base)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(base)));
      }),
    );
  });
});
