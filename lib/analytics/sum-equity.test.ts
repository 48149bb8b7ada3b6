import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sumEquity } from "./sum-equity";
import type { AccountPoint } from "./types";

describe("sumEquity", () => {
  test("each account holds its last value until its next snapshot", () => {
    const points: AccountPoint[] = [
      { account_id: "b", t: 2_000, equity: 50_000, balance: 50_000 },
      { account_id: "a", t: 1_000, equity: 100_000, balance: 100_000 },
      { account_id: "a", t: 3_000, equity: 100_080.1, balance: 100_000 },
      { account_id: "b", t: 3_000, equity: 49_990.2, balance: 50_000 },
    ];
    expect(sumEquity(points)).toEqual([
      { t: 1_000, equity: 100_000, balance: 100_000 },
      { t: 2_000, equity: 150_000, balance: 150_000 },
      { t: 3_000, equity: 150_070.3, balance: 150_000 },
    ]);
  });

  test("one total per distinct instant, ending at the sum of every account's last value", () => {
    const point = fc.record({
      account_id: fc.constantFrom("a", "b", "c"),
      t: fc.integer({ min: 0, max: 50 }),
      equity: fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
      balance: fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const totals = sumEquity(points);
        expect(totals.map((p) => p.t)).toEqual([...new Set(points.map((p) => p.t))].sort((x, y) => x - y));
        if (!points.length) return;
        const sorted = [...points].sort((x, y) => x.t - y.t);
        const last = new Map(sorted.map((p) => [p.account_id, p.equity]));
        const expected = [...last.values()].reduce((s, v) => s + v, 0);
        expect(totals[totals.length - 1].equity).toBeCloseTo(expected, 2);
      }),
    );
  });
});
