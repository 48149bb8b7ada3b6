import { formatNumber } from "@/lib/format/money";
import { LocalTime } from "@/components/activity/local-time";
import type { LivePosition } from "./live-position";
import { PnlValue } from "./pnl-value";

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-muted";
const td = "px-3 py-2 align-middle";

const price = (v: number | null) => (v === null ? "—" : formatNumber(v));

/** The open positions as a table: P&L right after the symbol, Close pinned to the right edge (the table scrolls sideways inside its own box on a phone). */
export function PositionsTable({ positions, accountNames, onClose }: { positions: LivePosition[]; accountNames: Record<string, string>; onClose: (p: LivePosition) => void }) {
  return (
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[760px] text-sm" data-testid="positions-table">
        <caption className="sr-only">Open positions with live profit and loss</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className={th}>Symbol</th>
            <th scope="col" className={th}>Side</th>
            <th scope="col" className={`${th} text-right`}>Qty</th>
            <th scope="col" className={`${th} text-right`}>Unrealised P&amp;L</th>
            <th scope="col" className={`${th} text-right`}>Price</th>
            <th scope="col" className={`${th} text-right`}>Entry</th>
            <th scope="col" className={th}>SL / TP</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Opened</th>
            <th scope="col" className={`${th} sticky right-0 bg-surface`}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {positions.map((p) => (
            <tr key={p.id} data-testid="position-row" data-symbol={p.symbol}>
              <th scope="row" className={`${td} text-left font-semibold`}>
                {p.symbol}
                {p.tag ? <span className="ml-2 rounded bg-surface-2 px-1.5 py-0.5 text-xs font-normal text-muted">{p.tag}</span> : null}
              </th>
              <td className={td}>
                <span className={p.side === "buy" ? "text-profit" : "text-loss"}>{p.side === "buy" ? "Long" : "Short"}</span>
              </td>
              <td className={`${td} text-right font-mono tabular-nums`}>{formatNumber(p.qty)}</td>
              <td className={`${td} text-right`}>
                <PnlValue value={p.unrealized_pnl} testId="position-pnl" />
              </td>
              <td className={`${td} text-right font-mono tabular-nums`}>{price(p.current_price)}</td>
              <td className={`${td} text-right font-mono tabular-nums`}>{price(p.entry_price)}</td>
              <td className={`${td} whitespace-nowrap font-mono text-xs tabular-nums text-muted`}>
                {price(p.stop_loss)} / {price(p.take_profit)}
              </td>
              <td className={`${td} max-w-40 truncate`}>{accountNames[p.account_id] ?? p.broker}</td>
              <td className={`${td} text-xs text-muted`}>{p.opened_at ? <LocalTime iso={p.opened_at} /> : "just now"}</td>
              {/* Sticky, so Close stays in reach on a phone while the table scrolls sideways. */}
              <td className={`${td} sticky right-0 bg-surface text-right`}>
                <button
                  type="button"
                  onClick={() => onClose(p)}
                  className="rounded-md border border-border px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
                  aria-label={`Close ${p.symbol} ${p.side === "buy" ? "long" : "short"} ${formatNumber(p.qty)}`}
                >
                  Close
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
