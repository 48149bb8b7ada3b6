"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { RANGE_PRESETS, type RangePreset } from "@/lib/analytics/date-range";
import { equityPath } from "./equity-path";
import { formatMoney } from "@/lib/format/money";
import { formatPct, timeFull } from "./chart-format";
import { EquityLines } from "./equity-lines";
import { PnlText } from "./pnl-text";
import { EmptyState, ErrorState, LoadingState } from "./state-views";
import { useApiData } from "./use-api-data";

type Equity = { points: { t: string; equity: number; balance: number }[] };

const PRESET_TEXT: Record<RangePreset, string> = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", all: "All time" };

/** Equity and balance over all accounts, with the change over the range in words. */
export function EquityCurve({ initial, initialPreset, initialPath }: { initial: Equity | null; initialPreset: RangePreset; initialPath: string }) {
  const [preset, setPreset] = useState(initialPreset);
  const [path, setPath] = useState(initialPath);
  const { data, error, loading, reload } = useApiData<Equity>(path, initial);
  const points = (data?.points ?? []).map((p) => ({ ms: Date.parse(p.t), equity: p.equity, balance: p.balance }));
  const first = points[0];
  const last = points[points.length - 1];
  const change = first && last ? last.equity - first.equity : 0;

  return (
    <Card
      title="Equity curve"
      actions={
        <div className="w-44">
          <SelectField
            id="equity-range"
            label="Range"
            value={preset}
            onChange={(e) => {
              const next = e.target.value as RangePreset;
              setPreset(next);
              setPath(equityPath(next, new Date()));
            }}
          >
            {RANGE_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_TEXT[p]}
              </option>
            ))}
          </SelectField>
        </div>
      }
    >
      {!data && loading ? (
        <LoadingState label="the equity curve" />
      ) : !data && error ? (
        <ErrorState message={error} onRetry={reload} />
      ) : points.length === 0 ? (
        <EmptyState testId="equity-empty">No equity history in this range yet. It is recorded as your connected accounts trade and are marked to market.</EmptyState>
      ) : (
        <div className="space-y-3" aria-busy={loading}>
          {error ? <p className="text-xs text-warn">Showing the last data: {error}</p> : null}
          <p className="text-sm" data-testid="equity-summary">
            At {timeFull(last.ms)}: equity <strong className="tabular-nums">{formatMoney(last.equity)}</strong> · balance <span className="tabular-nums">{formatMoney(last.balance)}</span> ·{" "}
            {PRESET_TEXT[preset].toLowerCase()}: <PnlText value={change} /> ({first.equity !== 0 ? formatPct((change / first.equity) * 100) : "—"})
          </p>
          {points.length < 2 ? (
            <p className="text-sm text-muted" data-testid="equity-one-point">
              One snapshot so far: the curve draws itself as more equity is recorded.
            </p>
          ) : (
            <EquityLines points={points} />
          )}
        </div>
      )}
    </Card>
  );
}
