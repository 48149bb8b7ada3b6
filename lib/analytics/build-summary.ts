import { breakdownBy, tagKey } from "./breakdown-by";
import { expectancy } from "./expectancy";
import { maxDrawdown } from "./max-drawdown";
import { finiteRatio, roundMoney, roundRatio } from "./round";
import { sharpeRatio } from "./sharpe-ratio";
import { tradeStats } from "./trade-stats";
import type { SummaryView } from "./schemas";
import type { BrokerId } from "@/brokers/types";
import type { TotalPoint } from "./types";

export type SummaryInput = {
  /** Closed trades in time order. */
  trades: readonly { broker: BrokerId; tag: string | null; realized_pnl: number }[];
  /** The total equity curve of the range, in time order. */
  equity: readonly TotalPoint[];
  /** Daily returns of that equity (see dailyReturns). */
  returns: readonly number[];
  currency: string | null;
};

/** The analytics summary from already loaded data: headline stats, risk figures and breakdowns. */
export function buildSummary({ trades, equity, returns, currency }: SummaryInput): SummaryView {
  const pnls = trades.map((t) => t.realized_pnl);
  const mean = expectancy(pnls);
  const dd = maxDrawdown(equity.map((p) => p.equity));
  return {
    ...tradeStats(pnls),
    expectancy: mean === null ? null : roundMoney(mean),
    sharpe: finiteRatio(sharpeRatio(returns)),
    max_drawdown: roundMoney(dd.amount),
    max_drawdown_pct: roundRatio(dd.pct),
    currency,
    by_broker: breakdownBy(trades, (t) => t.broker),
    by_tag: breakdownBy(trades, (t) => tagKey(t.tag)),
  };
}
