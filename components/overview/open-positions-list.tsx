import Link from "next/link";
import { formatNumber } from "@/lib/format/money";
import type { LivePosition } from "@/components/positions/live-position";
import { PnlValue } from "@/components/positions/pnl-value";

const SHOWN = 5;

/** A compact list of the newest open positions (stable order, so rows do not jump on every tick), linking to the monitor. */
export function OpenPositionsList({ positions, accountNames }: { positions: LivePosition[]; accountNames: Record<string, string> }) {
  if (positions.length === 0) {
    return (
      <p className="py-4 text-sm text-muted" data-testid="overview-positions-empty">
        No open positions. New trades show up here live the moment an alert fills.
      </p>
    );
  }
  const shown = positions.slice(0, SHOWN);
  return (
    <>
      <ul className="divide-y divide-border" data-testid="overview-positions">
        {shown.map((p) => (
          <li key={p.id} className="flex items-center gap-3 py-2 text-sm" data-testid="overview-position">
            <span className="w-24 shrink-0 truncate font-semibold">{p.symbol}</span>
            <span className="min-w-0 flex-1 truncate text-muted">
              <span className={p.side === "buy" ? "text-profit" : "text-loss"}>{p.side === "buy" ? "Long" : "Short"}</span> {formatNumber(p.qty)} · {accountNames[p.account_id] ?? p.broker}
            </span>
            <PnlValue value={p.unrealized_pnl} testId="overview-position-pnl" />
          </li>
        ))}
      </ul>
      <Link href="/positions" className="mt-3 inline-block text-sm text-primary underline">
        {positions.length > SHOWN ? `All ${positions.length} positions` : "Open the positions monitor"}
      </Link>
    </>
  );
}
