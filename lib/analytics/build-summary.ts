import { breakdownBy, tagKey } from "./breakdown-by";
import { expectancy } from "./expectancy";
import type { MaxDrawdown } from "./max-drawdown";
import { finiteRatio, roundMoney, roundRatio } from "./round";
import { sharpeRatio } from "./sharpe-ratio";
import { tradeStats } from "./trade-stats";
import type { SummaryView } from "./schemas";
import type { BrokerId } from "@/brokers/types";

export type SummaryInput = {
  /** Closed trades in time order. */
  trades: readonly { broker: BrokerId; tag: string | null; realized_pnl: number }[];
  /** Max drawdown of the range's total equity curve (see maxDrawdown, loadMaxDrawdown). */
  drawdown: MaxDrawdown;
  /** Daily returns of that equity (see dailyReturns). */
  returns: readonly number[];
  currency: string | null;
};

/** The analytics summary from already loaded data: headline stats, risk figures and breakdowns. */
export function buildSummary({ trades, drawdown, returns, currency }: SummaryInput): SummaryView {
  const pnls = trades.map((t) => t.realized_pnl);
  const mean = expectancy(pnls);
  return {
    ...tradeStats(pnls),
    expectancy: mean === null ? null : roundMoney(mean),
    sharpe: finiteRatio(sharpeRatio(returns)),
    max_drawdown: roundMoney(drawdown.amount),
    max_drawdown_pct: roundRatio(drawdown.pct),
    currency,
    by_broker: breakdownBy(trades, (t) => t.broker),
    by_tag: breakdownBy(trades, (t) => tagKey(t.tag)),
  };
}
