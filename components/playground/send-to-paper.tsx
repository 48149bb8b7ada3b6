"use client";

import Link from "next/link";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import type { Intent } from "@/lib/intake/schemas";
import { formatNumber } from "@/lib/format/money";

type OrderAnswer = { ok: true; order_id: string; status: string; broker_order_id?: string; filled_qty?: number; avg_price?: number; correlation_id: string; latency_ms: number };
type Outcome = { kind: "placed"; answer: OrderAnswer } | { kind: "refused"; error: ApiError };

/** Places the previewed intent on a paper account through POST /order and shows the broker's answer. */
export function SendToPaper({ intent, accountId, isPaper, disabled }: { intent: Intent | null; accountId: string | null; isPaper: boolean; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function send() {
    if (!intent || !accountId) return;
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await api<OrderAnswer>("/order", { body: { version: "unify.v1", source: "playground", intent: { ...intent, account_id: accountId } } });
      setOutcome({ kind: "placed", answer });
    } catch (err) {
      setOutcome({ kind: "refused", error: err instanceof ApiError ? err : new ApiError("The request did not reach Unify; check your connection.", 0, "network") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={send} disabled={!isPaper || disabled || busy || !intent}>
          {busy ? "Sending…" : "Send to paper"}
        </Button>
        <p className="text-xs text-muted">
          {isPaper ? "Places this alert on the paper account: simulated fills, no money at risk." : "Sending is for paper accounts only; live accounts trade through their webhook."}
        </p>
      </div>
      <div role="status" aria-live="polite" data-testid="paper-answer">
        {outcome?.kind === "placed" ? (
          <div className="space-y-1 rounded-md border-2 border-profit p-3 text-sm">
            <p className="font-semibold">
              <span aria-hidden="true">✓ </span>Order {outcome.answer.status}
              {outcome.answer.avg_price !== undefined ? ` at ${formatNumber(outcome.answer.avg_price, 6)}` : ""}
              {outcome.answer.filled_qty !== undefined ? ` · ${formatNumber(outcome.answer.filled_qty)} filled` : ""}
            </p>
            <p className="break-all text-xs text-muted">
              Order id <span className="font-mono" data-testid="paper-order-id">{outcome.answer.order_id}</span> · answered in {formatNumber(outcome.answer.latency_ms, 0)} ms
            </p>
            <Link className="text-primary underline" href="/positions">
              See it on Positions
            </Link>
          </div>
        ) : outcome?.kind === "refused" ? (
          <div className="rounded-md border-2 border-loss p-3 text-sm">
            <p className="font-semibold text-loss">
              <span aria-hidden="true">✕ </span>Refused{outcome.error.rule ? ` by ${outcome.error.rule}` : ""} ({outcome.error.code})
            </p>
            <p>{outcome.error.message}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
