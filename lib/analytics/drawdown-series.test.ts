import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { drawdownSeries, thinDrawdownSeries, type DrawdownPoint } from "./drawdown-series";
import { maxDrawdown } from "./max-drawdown";

const curve = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 300 });
const at = (values: number[]) => values.map((equity, i) => ({ t: 1_700_000_000_000 + i * 60_000, equity }));

describe("drawdownSeries", () => {
  test("each point against the running peak of the day", () => {
    const s = drawdownSeries(at([1_000, 1_100, 990, 1_045, 1_200]));
    expect(s.map((p) => p.drawdown)).toEqual([0, 0, 110, 55, 0]);
    expect(s[2].drawdown_pct).toBeCloseTo(10, 12);
    expect(s[3].drawdown_pct).toBeCloseTo(5, 12);
  });

  test("never negative, zero at every new high, and its deepest point is the max drawdown", () => {
    fc.assert(
      fc.property(curve, (values) => {
        const s = drawdownSeries(at(values));
        let peak = 0;
        s.forEach((p, i) => {
          expect(p.drawdown).toBeGreaterThanOrEqual(0);
          if (values[i] >= peak) expect(p.drawdown).toBe(0);
          peak = Math.max(peak, values[i]);
        });
        expect(Math.max(...s.map((p) => p.drawdown))).toBe(maxDrawdown(values).amount);
      }),
    );
  });
});

describe("thinDrawdownSeries", () => {
  test("a short series is returned as it is", () => {
    const s = drawdownSeries(at([3, 1, 2]));
    expect(thinDrawdownSeries(s, 10)).toEqual(s);
  });

  test("keeps at most maxPoints, in time order, the last point and the deepest trough", () => {
    fc.assert(
      fc.property(curve, fc.integer({ min: 2, max: 50 }), (values, max) => {
        const s: DrawdownPoint[] = drawdownSeries(at(values));
        const thin = thinDrawdownSeries(s, max);
        expect(thin.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(thin[thin.length - 1]).toEqual(s[s.length - 1]);
        for (let i = 1; i < thin.length; i++) expect(thin[i].t).toBeGreaterThan(thin[i - 1].t);
        expect(Math.max(...thin.map((p) => p.drawdown))).toBe(Math.max(...s.map((p) => p.drawdown)));
      }),
    );
  });
});
