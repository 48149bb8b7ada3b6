import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { dailyReturns } from "./daily-returns";
import type { AccountDay } from "./types";

describe("dailyReturns", () => {
  test("one account: each day's close against the previous close (or the range's opening value)", () => {
    const days: AccountDay[] = [
      { account_id: "a", day: "2025-03-04", open: 101_000, close: 99_990 },
      { account_id: "a", day: "2025-03-03", open: 100_500, close: 101_000 },
    ];
    const r = dailyReturns(days, new Map([["a", 100_000]]));
    expect(r).toHaveLength(2);
    expect(r[0]).toBeCloseTo(0.01, 12);
    expect(r[1]).toBeCloseTo(-0.01, 12);
  });

  test("an account connected midway is new capital, not a 50 % gain", () => {
    const days: AccountDay[] = [
      { account_id: "a", day: "2025-03-03", open: 100_000, close: 101_000 },
      { account_id: "a", day: "2025-03-04", open: 101_000, close: 99_990 },
      { account_id: "b", day: "2025-03-04", open: 50_000, close: 50_500 },
    ];
    const r = dailyReturns(days);
    expect(r[0]).toBeCloseTo(0.01, 12);
    // (−1,010 + 500) / (101,000 + 50,000)
    expect(r[1]).toBeCloseTo(-510 / 151_000, 12);
  });

  test("an account without a snapshot that day still counts as capital at its last close", () => {
    const days: AccountDay[] = [
      { account_id: "a", day: "2025-03-03", open: 100, close: 100 },
      { account_id: "b", day: "2025-03-03", open: 100, close: 100 },
      { account_id: "a", day: "2025-03-04", open: 100, close: 110 },
    ];
    expect(dailyReturns(days)[1]).toBeCloseTo(10 / 200, 12);
  });

  test("no data → no returns; days without positive capital are skipped", () => {
    expect(dailyReturns([])).toEqual([]);
    expect(dailyReturns([{ account_id: "a", day: "2025-03-03", open: 0, close: 5 }])).toEqual([]);
  });

  test("a single account's returns are close_i / close_(i−1) − 1 for any path", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_000, max: 10_000_000 }), { minLength: 2, maxLength: 60 }), (closes) => {
        const days = closes.map((close, i) => ({ account_id: "a", day: `2025-01-${String(i + 1).padStart(2, "0")}`, open: close, close }));
        const r = dailyReturns(days.slice(1), new Map([["a", closes[0]]]));
        expect(r).toHaveLength(closes.length - 1);
        r.forEach((x, i) => expect(x).toBeCloseTo(closes[i + 1] / closes[i] - 1, 12));
      }),
    );
  });

  test("connecting accounts whose equity never moves never creates a return", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 1e7 })), { maxLength: 40 }), (rows) => {
        const firstValue = new Map<number, number>();
        const days = rows.map(([acc, d, v]) => {
          if (!firstValue.has(acc)) firstValue.set(acc, v);
          const flat = firstValue.get(acc)!;
          return { account_id: String(acc), day: `2025-02-${String(d).padStart(2, "0")}`, open: flat, close: flat };
        });
        for (const r of dailyReturns(days)) expect(r).toBe(0);
      }),
    );
  });
});
