import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { maxDrawdown } from "./max-drawdown";

const curve = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 80 });

describe("maxDrawdown", () => {
  test("100 → 120 → 90 → 130 → 110: 30 below the 120 peak, 25 %", () => {
    expect(maxDrawdown([100, 120, 90, 130, 110])).toEqual({ amount: 30, pct: 25 });
  });

  test("the deepest drop in money and in percent are measured separately", () => {
    // 100 → 50 is −50 (50 %); 1,000 → 900 is −100 (10 %).
    expect(maxDrawdown([100, 50, 1_000, 900])).toEqual({ amount: 100, pct: 50 });
  });

  test("no data, one point or a rising curve → 0", () => {
    expect(maxDrawdown([])).toEqual({ amount: 0, pct: 0 });
    expect(maxDrawdown([5])).toEqual({ amount: 0, pct: 0 });
    expect(maxDrawdown([1, 2, 2, 3])).toEqual({ amount: 0, pct: 0 });
  });

  test("equals the largest earlier-minus-later difference (brute force), and stays within 0..100 %", () => {
    fc.assert(
      fc.property(curve, (values) => {
        let brute = 0;
        let brutePct = 0;
        for (let i = 0; i < values.length; i++)
          for (let j = i + 1; j < values.length; j++) {
            brute = Math.max(brute, values[i] - values[j]);
            const peak = Math.max(...values.slice(0, j + 1));
            brutePct = Math.max(brutePct, ((peak - values[j]) / peak) * 100);
          }
        const dd = maxDrawdown(values);
        expect(dd.amount).toBe(brute);
        expect(dd.pct).toBeCloseTo(brutePct, 9);
        expect(dd.pct).toBeGreaterThanOrEqual(0);
        expect(dd.pct).toBeLessThan(100);
      }),
    );
  });
});
