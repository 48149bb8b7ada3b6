import { formatPnl } from "@/lib/format/money";
import { pnlTone } from "./pnl-value";

/** POST /emergency-stop's answer. */
export type StopSummary = {
  positions_closed: number;
  orders_cancelled: number;
  accounts_disabled: number;
  total_pnl: number;
  pending: number;
  errors: { account_id: string; position_id?: string; symbol?: string; error: string }[];
};

/** What the emergency stop did, with every position it could not close and why. */
export function StopSummaryPanel({ summary, accountNames, onDismiss }: { summary: StopSummary; accountNames: Record<string, string>; onDismiss: () => void }) {
  const failed = summary.errors.length > 0;
  return (
    <div className={`mt-3 rounded-md border p-3 text-sm ${failed ? "border-loss" : "border-border"}`} data-testid="stop-summary">
      <h3 className="font-semibold">{failed ? "Emergency stop finished with errors" : "Emergency stop done"}</h3>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        <li>
          Positions closed: <strong data-testid="stop-positions-closed">{summary.positions_closed}</strong>
        </li>
        <li>
          Orders cancelled: <strong>{summary.orders_cancelled}</strong>
        </li>
        <li>
          Accounts disabled: <strong>{summary.accounts_disabled}</strong>
        </li>
        <li>
          Realised P&amp;L: <strong className={pnlTone(summary.total_pnl)}>{formatPnl(summary.total_pnl)}</strong>
        </li>
      </ul>
      {summary.pending > 0 ? (
        <p className="mt-2 text-warn">
          {summary.pending === 1 ? "1 close is" : `${summary.pending} closes are`} still being worked by the broker; the positions table updates when they fill.
        </p>
      ) : null}
      {failed ? (
        <div className="mt-2">
          <p className="font-medium text-loss">Not closed — act on these at the broker:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {summary.errors.map((e, i) => (
              <li key={`${e.position_id ?? e.account_id}-${i}`}>
                {accountNames[e.account_id] ?? "Account"}
                {e.symbol ? ` · ${e.symbol}` : ""}: {e.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" className="mt-2 text-xs text-muted underline" onClick={onDismiss}>
        Dismiss summary
      </button>
    </div>
  );
}
