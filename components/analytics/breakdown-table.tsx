import type { SummaryView } from "@/lib/analytics/schemas";
import { Card } from "@/components/ui/card";
import { SymbolValue } from "./symbol-value";
import { describeProfitFactor, formatShare, formatSignedAmount, pnlTone } from "./format";

type Stats = SummaryView["by_tag"][string];

const BROKER_NAMES: Record<string, string> = {
  paper: "Paper",
  tradelocker: "TradeLocker",
  topstep: "Topstep",
  tradovate: "Tradovate",
  mt4: "MetaTrader 4",
  mt5: "MetaTrader 5",
};

/** A broker id as people know it. */
export const brokerName = (id: string): string => BROKER_NAMES[id] ?? id;

/**
 * Trade stats per group (broker or strategy tag), busiest first. The table scrolls
 * inside its card on a narrow phone instead of the page, and that region is focusable so
 * keyboard users can scroll it too.
 */
export function BreakdownTable({ title, groupLabel, rows, currency, name = (k) => k, testId }: {
  title: string;
  groupLabel: string;
  rows: Partial<Record<string, Stats>>;
  currency: string | null;
  name?: (key: string) => string;
  testId: string;
}) {
  const entries = Object.entries(rows)
    .filter((e): e is [string, Stats] => e[1] !== undefined)
    .sort(([ka, a], [kb, b]) => b.trades - a.trades || ka.localeCompare(kb));
  const num = "whitespace-nowrap px-2 py-2 text-right tabular-nums";
  return (
    <Card title={title}>
      <div role="region" aria-label={title} tabIndex={0} className="-mx-2 overflow-x-auto">
        <table className="w-full min-w-[20rem] text-sm" data-testid={testId}>
          <thead className="text-xs text-muted">
            <tr className="border-b border-border">
              <th scope="col" className="px-2 py-2 text-left font-medium">{groupLabel}</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Trades</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Win rate</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Profit factor</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Net P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, s]) => {
              const pf = describeProfitFactor(s.profit_factor, s.net_pnl);
              return (
                <tr key={key} className="border-b border-border last:border-0">
                  <th scope="row" className="max-w-[12rem] px-2 py-2 text-left font-medium break-words">{name(key)}</th>
                  <td className={num}>{s.trades}</td>
                  <td className={num}>{s.win_rate === null ? <SymbolValue text="—" spoken="none" /> : formatShare(s.win_rate)}</td>
                  <td className={num}>
                    <SymbolValue {...pf} />
                  </td>
                  <td className={`${num} ${pnlTone(s.net_pnl)}`}>{formatSignedAmount(s.net_pnl, currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
