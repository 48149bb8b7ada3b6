"use client";

import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import type { LivePosition } from "./live-position";
import { totalUnrealized } from "./live-position";
import { useLivePositions } from "./use-live-positions";
import { PositionsTable } from "./positions-table";
import { CloseDialog } from "./close-dialog";
import { LiveBadge } from "./live-badge";
import { PnlValue } from "./pnl-value";

/** The open positions with live P&L and a confirmed Close per row. */
export function PositionsMonitor({ initial, accountNames }: { initial: LivePosition[]; accountNames: Record<string, string> }) {
  const { positions, stream, error, refresh } = useLivePositions(initial);
  const [closing, setClosing] = useState<LivePosition | null>(null);
  const live = closing ? positions.find((p) => p.id === closing.id) : undefined;

  return (
    <Card
      title={`Open positions (${positions.length})`}
      actions={
        <div className="flex items-center gap-3 text-sm">
          {positions.length ? (
            <span className="flex items-center gap-1">
              <span className="text-muted">Unrealised</span> <PnlValue value={totalUnrealized(positions)} testId="positions-total-pnl" />
            </span>
          ) : null}
          <LiveBadge state={stream} />
        </div>
      }
    >
      {error ? (
        <p role="alert" className="mb-3 text-sm text-loss">
          {error}{" "}
          <button type="button" className="underline" onClick={() => void refresh()}>
            Retry
          </button>
        </p>
      ) : null}
      {positions.length === 0 ? (
        <div className="py-6 text-center text-sm text-muted" data-testid="positions-empty">
          <p>No open positions.</p>
          <p className="mt-1">
            When an alert opens a trade it appears here with live P&amp;L. Try one from the{" "}
            <Link href="/playground" className="text-primary underline">
              playground
            </Link>
            .
          </p>
        </div>
      ) : (
        <PositionsTable positions={positions} accountNames={accountNames} onClose={setClosing} />
      )}
      <CloseDialog
        position={live ?? closing}
        stillOpen={Boolean(live)}
        accountName={closing ? (accountNames[closing.account_id] ?? closing.broker) : ""}
        onDismiss={() => setClosing(null)}
        onClosed={() => {
          setClosing(null);
          void refresh();
        }}
      />
    </Card>
  );
}
