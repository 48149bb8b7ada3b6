"use client";

import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { DANGER_DARK } from "./danger-dark";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { formatNumber, formatPnl } from "@/lib/format/money";
import type { LivePosition } from "./live-position";
import { PnlValue } from "./pnl-value";

type Props = {
  /** The position as it is now (live P&L); null closes the dialog. */
  position: LivePosition | null;
  /** False once the position left the open list (its stop or target hit meanwhile). */
  stillOpen: boolean;
  accountName: string;
  onDismiss: () => void;
  onClosed: () => void;
};

/**
 * Confirms closing one position at market. A native modal <dialog>: the rest of the
 * page is inert while it is open (focus stays inside) and Escape cancels it.
 */
export function CloseDialog({ position, stillOpen, accountName, onDismiss, onClosed }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const toast = useToast();
  const [qty, setQty] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = position?.id ?? null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (id && !dialog.open) dialog.showModal();
    if (!id && dialog.open) dialog.close();
  }, [id]);

  if (!position) return <dialog ref={ref} aria-label="Close position" className="hidden" />;
  const side = position.side === "buy" ? "long" : "short";
  const wanted = qty.trim() === "" ? position.qty : Number(qty);
  const qtyError = !Number.isFinite(wanted) || wanted <= 0 ? "Enter a quantity above 0." : wanted > position.qty ? `At most ${formatNumber(position.qty)}.` : null;
  const partial = !qtyError && wanted < position.qty;

  async function confirm() {
    if (!position || qtyError) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ realized_pnl: number; status: string }>(`/positions/${position.id}/close`, { body: partial ? { qty: wanted } : {} });
      const what = `${partial ? "Closed part of" : "Closed"} ${position.symbol} ${side} ${formatNumber(wanted)}`;
      toast.show(r.status === "filled" ? `${what}: realised ${formatPnl(r.realized_pnl)}.` : `${what}: the broker has the order (${r.status}).`, "success");
      setQty("");
      onClosed();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not reach Unify; the position may still be open. Check and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="close-title"
      aria-describedby="close-desc"
      onClose={() => {
        setError(null);
        setQty("");
        onDismiss();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-0 text-text backdrop:bg-black/50"
      data-testid="close-dialog"
    >
      <form
        method="dialog"
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="close-title" className="text-lg font-semibold">
          Close {position.symbol}?
        </h2>
        <div id="close-desc" className="space-y-2 text-sm">
          <p>
            Closes at market: <strong>{position.symbol}</strong> {side} <strong>{formatNumber(position.qty)}</strong> on {accountName}.
          </p>
          <p className="flex items-center gap-2">
            Current P&amp;L <PnlValue value={position.unrealized_pnl} testId="close-dialog-pnl" />
            <span className="text-xs text-muted">(live; the fill price decides the final amount)</span>
          </p>
        </div>
        {stillOpen ? (
          <TextField
            id="close-qty"
            label="Quantity to close"
            inputMode="decimal"
            placeholder={formatNumber(position.qty)}
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            hint={`Leave empty to close all ${formatNumber(position.qty)}; enter less to close part of it.`}
            error={qty.trim() ? qtyError : null}
          />
        ) : (
          <p role="alert" className="text-sm text-warn">This position is already closed (its stop, target or another close got there first).</p>
        )}
        {error ? (
          <p role="alert" className="text-sm text-loss">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => ref.current?.close()} disabled={busy}>
            {stillOpen ? "Cancel" : "Done"}
          </Button>
          {stillOpen ? (
            <Button type="submit" variant="danger" className={DANGER_DARK} disabled={busy || Boolean(qtyError)}>
              {busy ? "Closing…" : partial ? `Close ${formatNumber(wanted)}` : "Close position"}
            </Button>
          ) : null}
        </div>
      </form>
    </dialog>
  );
}
