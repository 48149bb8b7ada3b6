import { winRate } from "./win-rate";
import { profitFactor } from "./profit-factor";
import { finiteRatio, roundMoney } from "./round";

/**
 * The headline numbers of a set of trades, as the API sends them.
 * win_rate is a fraction 0..1; profit_factor is null when it is not a finite number —
 * with net_pnl > 0 that means winners and no losers (∞), otherwise no decisive trades.
 */
export type TradeStats = { trades: number; win_rate: number | null; net_pnl: number; profit_factor: number | null };

/** Trade count, win rate, net P&L and profit factor of a list of realised P&Ls. */
export function tradeStats(pnls: readonly number[]): TradeStats {
  const rate = winRate(pnls);
  return {
    trades: pnls.length,
    win_rate: rate === null ? null : finiteRatio(rate),
    net_pnl: roundMoney(pnls.reduce((s, p) => s + p, 0)),
    profit_factor: finiteRatio(profitFactor(pnls)),
  };
}
