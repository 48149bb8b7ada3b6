"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { formatPnl } from "@/lib/format/money";
import { formatPct, timeFull } from "./chart-format";
import { DrawdownArea } from "./drawdown-area";
import { EmptyState, ErrorState, LoadingState } from "./state-views";
import { useApiData } from "./use-api-data";

type Drawdown = { points: { t: string; drawdown: number; drawdown_pct: number }[] };

/** How far equity fell below the day's running peak, as an underwater area, with the deepest point in words. */
export function DrawdownChart({ initial, today }: { initial: Drawdown | null; today: string }) {
  const [day, setDay] = useState(today);
  const { data, error, loading, reload } = useApiData<Drawdown>(`/analytics/drawdown?day=${day}`, initial);
  // Plotted below zero: a drawdown is money under the peak.
  const points = (data?.points ?? []).map((p) => ({ ms: Date.parse(p.t), dd: -p.drawdown, pct: -p.drawdown_pct }));
  const deepest = points.reduce<(typeof points)[number] | null>((d, p) => (!d || p.dd < d.dd ? p : d), null);
  const now = points[points.length - 1];

  return (
    <Card
      title="Daily drawdown"
      actions={
        <div className="w-44">
          <TextField id="drawdown-day" label="Day (UTC)" type="date" value={day} max={today} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </div>
      }
    >
      {!data && loading ? (
        <LoadingState label="the drawdown" />
      ) : !data && error ? (
        <ErrorState message={error} onRetry={reload} />
      ) : points.length === 0 || !deepest || !now ? (
        <EmptyState testId="drawdown-empty">No equity was recorded on {day}, so there is no drawdown to show.</EmptyState>
      ) : (
        <div className="space-y-3" aria-busy={loading}>
          {error ? <p className="text-xs text-warn">Showing the last data: {error}</p> : null}
          <p className="text-sm" data-testid="drawdown-summary">
            {deepest.dd === 0 ? (
              "No drawdown: equity stayed at the day's peak."
            ) : (
              <>
                Deepest <span className="tabular-nums text-loss">{formatPnl(deepest.dd)}</span> ({formatPct(deepest.pct)}) at {timeFull(deepest.ms)} · now{" "}
                <span className={`tabular-nums ${now.dd < 0 ? "text-loss" : "text-muted"}`}>{formatPnl(now.dd)}</span> ({formatPct(now.pct)})
              </>
            )}
          </p>
          {points.length < 2 ? null : <DrawdownArea points={points} deepest={deepest.dd} />}
        </div>
      )}
    </Card>
  );
}
