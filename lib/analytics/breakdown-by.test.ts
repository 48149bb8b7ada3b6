import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { breakdownBy, tagKey, UNTAGGED } from "./breakdown-by";
import { tradeStats } from "./trade-stats";

describe("tradeStats", () => {
  test("count, win rate, net P&L (to the cent) and profit factor; ∞ is sent as null", () => {
    expect(tradeStats([100.1, -50.05, 30.2, -20])).toEqual({ trades: 4, win_rate: 0.5, net_pnl: 60.25, profit_factor: 1.8601 });
    expect(tradeStats([5, 7])).toEqual({ trades: 2, win_rate: 1, net_pnl: 12, profit_factor: null });
    expect(tradeStats([])).toEqual({ trades: 0, win_rate: null, net_pnl: 0, profit_factor: null });
    expect(tradeStats([1, 1, -1]).win_rate).toBe(0.6667);
  });
});

describe("breakdownBy", () => {
  const trades = [
    { broker: "paper", tag: "EU_Breakout", realized_pnl: 80 },
    { broker: "paper", tag: null, realized_pnl: -20 },
    { broker: "tradovate", tag: "  ", realized_pnl: 15 },
    { broker: "paper", tag: "EU_Breakout", realized_pnl: -30 },
  ];

  test("by broker and by strategy tag, untagged and blank tags together as (none)", () => {
    expect(breakdownBy(trades, (t) => t.broker)).toEqual({
      paper: { trades: 3, win_rate: 0.3333, net_pnl: 30, profit_factor: 1.6 },
      tradovate: { trades: 1, win_rate: 1, net_pnl: 15, profit_factor: null },
    });
    expect(breakdownBy(trades, (t) => tagKey(t.tag))).toEqual({
      EU_Breakout: { trades: 2, win_rate: 0.5, net_pnl: 50, profit_factor: 2.6667 },
      [UNTAGGED]: { trades: 2, win_rate: 0.5, net_pnl: -5, profit_factor: 0.75 },
    });
    expect(breakdownBy([], (t: { realized_pnl: number }) => String(t.realized_pnl))).toEqual({});
  });

  test("the groups partition the trades: counts and net P&L add up to the whole", () => {
    const trade = fc.record({ tag: fc.option(fc.constantFrom("a", "b", " ", "c d")), realized_pnl: fc.integer({ min: -100_000, max: 100_000 }).map((c) => c / 100) });
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 100 }), (list) => {
        const groups = Object.values(breakdownBy(list, (t) => tagKey(t.tag)));
        expect(groups.reduce((s, g) => s + g.trades, 0)).toBe(list.length);
        const total = tradeStats(list.map((t) => t.realized_pnl)).net_pnl;
        expect(groups.reduce((s, g) => s + g.net_pnl, 0)).toBeCloseTo(total, 2);
      }),
    );
  });
});
