import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { dailyReturns, tradingDay } from "./daily-returns";
import { sharpeRatio } from "./sharpe-ratio";
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
        // Consecutive weekdays from Monday 2025-01-06 (weekends roll into Monday, see below).
        const weekday = (i: number) => new Date(Date.UTC(2025, 0, 6 + Math.floor(i / 5) * 7 + (i % 5))).toISOString().slice(0, 10);
        const days = closes.map((close, i) => ({ account_id: "a", day: weekday(i), open: close, close }));
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

  test("a weekend rolls into Monday: flat Saturday/Sunday snapshots add no zero returns, weekend P&L counts on Monday", () => {
    const days: AccountDay[] = [
      { account_id: "a", day: "2025-03-07", open: 100_000, close: 101_000 }, // Friday +1 %
      { account_id: "a", day: "2025-03-08", open: 101_000, close: 101_000 }, // Saturday, flat
      { account_id: "a", day: "2025-03-09", open: 101_000, close: 102_010 }, // Sunday (crypto) +1 %
      { account_id: "a", day: "2025-03-10", open: 102_010, close: 103_030.1 }, // Monday +1 %
    ];
    const r = dailyReturns(days, new Map([["a", 100_000]]));
    expect(r).toHaveLength(2);
    expect(r[0]).toBeCloseTo(0.01, 12);
    // Friday's close 101,000 → Monday's close 103,030.10: the whole weekend in Monday's return.
    expect(r[1]).toBeCloseTo(0.0201, 12);
  });

  test("an account first seen on a Saturday is capital from its first snapshot, chained through to Monday", () => {
    const days: AccountDay[] = [
      { account_id: "b", day: "2025-03-10", open: 50_500, close: 51_000 },
      { account_id: "b", day: "2025-03-08", open: 50_000, close: 50_500 },
    ];
    const r = dailyReturns(days);
    expect(r).toHaveLength(1);
    expect(r[0]).toBeCloseTo(1_000 / 50_000, 12);
  });

  test("Sharpe of two trading weeks synced every calendar day: weekdays +1 % / −0.5 %, flat weekends → the trading-day figure", () => {
    const days: AccountDay[] = [];
    const weekdayReturns: number[] = [];
    let equity = 100_000;
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2025, 2, 3 + i)); // Monday 2025-03-03 … Friday 2025-03-14
      const open = equity;
      if (at.getUTCDay() % 6 !== 0) {
        const r = weekdayReturns.length % 2 ? -0.005 : 0.01;
        weekdayReturns.push(r);
        equity *= 1 + r;
      }
      days.push({ account_id: "a", day: at.toISOString().slice(0, 10), open, close: equity });
    }
    const r = dailyReturns(days, new Map([["a", 100_000]]));
    expect(r).toHaveLength(10);
    // Was 4.5826 with the flat weekend counted as two returns of 0.
    expect(sharpeRatio(r)).toBeCloseTo(sharpeRatio(weekdayReturns)!, 9);
    expect(sharpeRatio(r)).toBeCloseTo(5.02, 2);
  });

  test("tradingDay: weekdays are themselves, Saturday and Sunday are the next Monday (across a month end)", () => {
    expect(tradingDay("2025-03-07")).toBe("2025-03-07");
    expect(tradingDay("2025-03-08")).toBe("2025-03-10");
    expect(tradingDay("2025-03-09")).toBe("2025-03-10");
    expect(tradingDay("2025-05-31")).toBe("2025-06-02");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const day = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const t = tradingDay(day);
        expect(t >= day).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(new Date(`${t}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});
