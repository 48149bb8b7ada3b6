import type { ReactNode } from "react";
import type { SummaryView } from "@/lib/analytics/schemas";
import { SymbolValue } from "./symbol-value";
import { describeProfitFactor, formatAmount, formatPercentValue, formatRatio, formatShare, formatSignedAmount, pnlTone } from "./format";

function Kpi({ label, value, detail, testId }: { label: string; value: ReactNode; detail: ReactNode; testId: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-border bg-surface p-3" data-testid={testId}>
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-1 truncate text-xl font-semibold tabular-nums">{value}</dd>
      <dd className="mt-0.5 text-xs text-muted">{detail}</dd>
    </div>
  );
}

const none = (
  <span className="text-muted">
    <SymbolValue text="—" spoken="none yet" />
  </span>
);

/** The headline numbers of a range; P&L coloured and signed, so colour is never the only cue. */
export function KpiGrid({ summary }: { summary: SummaryView }) {
  const { currency } = summary;
  const pf = describeProfitFactor(summary.profit_factor, summary.net_pnl);
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" className="sr-only">
        Key figures
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      <Kpi
        label="Net P&L"
        testId="kpi-net-pnl"
        value={<span className={pnlTone(summary.net_pnl)}>{formatSignedAmount(summary.net_pnl, currency)}</span>}
        detail="realised, closed trades"
      />
      <Kpi label="Trades" testId="kpi-trades" value={summary.trades} detail="closed round trips" />
      <Kpi label="Win rate" testId="kpi-win-rate" value={summary.win_rate === null ? none : formatShare(summary.win_rate)} detail="trades closed in profit" />
      <Kpi
        label="Profit factor"
        testId="kpi-profit-factor"
        value={<SymbolValue {...pf} />}
        detail="gross profit ÷ gross loss"
      />
      <Kpi
        label="Expectancy"
        testId="kpi-expectancy"
        value={summary.expectancy === null ? none : <span className={pnlTone(summary.expectancy)}>{formatSignedAmount(summary.expectancy, currency)}</span>}
        detail="average P&L per trade"
      />
      <Kpi
        label="Sharpe ratio"
        testId="kpi-sharpe"
        value={summary.sharpe === null ? none : formatRatio(summary.sharpe)}
        detail={summary.sharpe === null ? "needs 2+ days of equity changes" : "annualised, daily returns"}
      />
      <Kpi
        label="Max drawdown"
        testId="kpi-max-drawdown"
        value={summary.max_drawdown > 0 ? <span className="text-loss">−{formatAmount(summary.max_drawdown, currency)}</span> : formatAmount(0, currency)}
        detail={`${formatPercentValue(summary.max_drawdown_pct)} below the peak`}
      />
      </dl>
    </section>
  );
}
