import { describe, expect, test } from "vitest";
import { buildSummary } from "./build-summary";
import { maxDrawdown } from "./max-drawdown";

describe("buildSummary", () => {
  test("a hand-computed record: 3 trades on two brokers, a curve with one dip", () => {
    const s = buildSummary({
      trades: [
        { broker: "paper", tag: "EU_Breakout", realized_pnl: 80 },
        { broker: "paper", tag: null, realized_pnl: -20 },
        { broker: "mt5", tag: "EU_Breakout", realized_pnl: 40 },
      ],
      drawdown: maxDrawdown([100_000, 100_080, 100_060, 100_100]),
      returns: [0.01, 0.03],
      currency: "USD",
    });
    expect(s).toEqual({
      trades: 3,
      win_rate: 0.6667,
      net_pnl: 100,
      profit_factor: 6,
      expectancy: 33.33,
      sharpe: 22.4499,
      max_drawdown: 20,
      max_drawdown_pct: 0.02,
      currency: "USD",
      by_broker: {
        paper: { trades: 2, win_rate: 0.5, net_pnl: 60, profit_factor: 4 },
        mt5: { trades: 1, win_rate: 1, net_pnl: 40, profit_factor: null },
      },
      by_tag: {
        EU_Breakout: { trades: 2, win_rate: 1, net_pnl: 120, profit_factor: null },
        "(none)": { trades: 1, win_rate: 0, net_pnl: -20, profit_factor: 0 },
      },
    });
  });

  test("no data → zeros, nulls and empty breakdowns, never an error", () => {
    expect(buildSummary({ trades: [], drawdown: maxDrawdown([]), returns: [], currency: null })).toEqual({
      trades: 0,
      win_rate: null,
      net_pnl: 0,
      profit_factor: null,
      expectancy: null,
      sharpe: null,
      max_drawdown: 0,
      max_drawdown_pct: 0,
      currency: null,
      by_broker: {},
      by_tag: {},
    });
  });
});
