"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { ResponsiveContainer, Treemap, type TreemapNode } from "recharts";
import { Card } from "@/components/ui/card";
import { useStream } from "@/components/realtime/use-stream";
import { formatMoney, formatPnl } from "@/lib/format/money";
import { PnlText } from "./pnl-text";
import { EmptyState, ErrorState, LoadingState } from "./state-views";
import { useApiData } from "./use-api-data";

export type ExposureItem = { symbol: string; broker: string; notional: number; unrealized_pnl: number };
type Exposure = { items: ExposureItem[] };

// Position events arrive with every price mark (up to 4 a second): refetch at most this often.
const REFRESH_MS = 2_000;

/** A tile's fill: stronger green or red the larger its P&L is relative to the largest one. */
function tileFill(pnl: number, maxAbs: number): string {
  if (pnl === 0 || maxAbs === 0) return "var(--surface-2)";
  const strength = Math.round(20 + 45 * Math.min(1, Math.abs(pnl) / maxAbs));
  return `color-mix(in srgb, ${pnl > 0 ? "var(--profit)" : "var(--loss)"} ${strength}%, var(--surface))`;
}

function Tile(props: TreemapNode & { maxAbs: number }) {
  const { x, y, width, height, depth, maxAbs } = props;
  const item = props as unknown as TreemapNode & ExposureItem;
  if (depth !== 1 || width <= 0 || height <= 0) return <g />;
  const roomy = width > 80 && height > 40;
  const halo = { paintOrder: "stroke" as const, stroke: "var(--surface)", strokeWidth: 3, strokeLinejoin: "round" as const };
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} style={{ fill: tileFill(item.unrealized_pnl, maxAbs), stroke: "var(--bg)", strokeWidth: 2 }} />
      {roomy ? (
        <>
          <text x={x + 8} y={y + 20} style={{ ...halo, fill: "var(--text)", fontSize: 13, fontWeight: 600 }}>
            {item.symbol}
          </text>
          <text x={x + 8} y={y + 36} style={{ ...halo, fill: "var(--text)", fontSize: 12 }}>
            {formatPnl(item.unrealized_pnl)}
          </text>
          {height > 58 && width > 150 ? (
            <text x={x + 8} y={y + 52} style={{ ...halo, fill: "var(--muted)", fontSize: 11 }}>
              {item.broker} · {formatMoney(item.notional)}
            </text>
          ) : null}
        </>
      ) : null}
    </g>
  );
}

/** Open exposure as a treemap (size = notional, colour = unrealised P&L) with a table of the same numbers; live. */
export function ExposureHeatmap({ initial }: { initial: Exposure | null }) {
  const { data, error, loading, reload } = useApiData<Exposure>("/analytics/exposure", initial);
  const lastFetch = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  const live = useStream(() => {
    if (pending.current) return;
    const wait = Math.max(0, lastFetch.current + REFRESH_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      lastFetch.current = Date.now();
      reload();
    }, wait);
  }, ["position"]);

  const items = (data?.items ?? []).filter((i) => i.notional > 0);
  const maxAbs = Math.max(0, ...items.map((i) => Math.abs(i.unrealized_pnl)));
  const total = items.reduce((s, i) => ({ notional: s.notional + i.notional, pnl: s.pnl + i.unrealized_pnl }), { notional: 0, pnl: 0 });

  return (
    <Card
      title="Risk heatmap"
      actions={
        <span className="text-xs text-muted" aria-live="polite" data-testid="live-state" data-state={live}>
          {live === "open" ? (
            <>
              <span aria-hidden="true" className="text-profit">
                ●
              </span>{" "}
              Live
            </>
          ) : (
            "Reconnecting…"
          )}
        </span>
      }
    >
      {!data && loading ? (
        <LoadingState label="open positions" />
      ) : !data && error ? (
        <ErrorState message={error} onRetry={reload} />
      ) : items.length === 0 ? (
        <EmptyState testId="heatmap-empty">
          No open positions, so nothing is at risk right now. Tiles appear here as soon as a position opens —{" "}
          <Link className="text-primary underline" href="/playground">
            send a test alert to paper
          </Link>{" "}
          to see one.
        </EmptyState>
      ) : (
        <div className="space-y-3">
          {error ? <p className="text-xs text-warn">Showing the last data: {error}</p> : null}
          <div aria-hidden="true" className="h-72 w-full min-w-0" data-testid="heatmap">
            <ResponsiveContainer width="100%" height="100%">
              <Treemap data={items} dataKey="notional" nameKey="symbol" isAnimationActive={false} content={(node: TreemapNode) => <Tile {...node} maxAbs={maxAbs} />} />
            </ResponsiveContainer>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted" aria-label="Legend">
            <span>Tile size: notional</span>
            <span className="flex items-center gap-1">
              <span className="inline-block size-3 rounded-sm" style={{ background: tileFill(-1, 1) }} /> loss (−)
            </span>
            <span className="flex items-center gap-1">
              <span className="inline-block size-3 rounded-sm" style={{ background: tileFill(1, 1) }} /> profit (+)
            </span>
            <span>Stronger colour: larger P&amp;L</span>
          </div>
          <div>
            <table className="w-full text-sm" data-testid="exposure-table">
              <caption className="sr-only">Open exposure by symbol and broker</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs text-muted">
                  <th scope="col" className="py-1 pr-2 font-medium">Symbol</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Broker</th>
                  <th scope="col" className="py-1 pr-2 text-right font-medium">Notional</th>
                  <th scope="col" className="py-1 text-right font-medium">Unrealized P&amp;L</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={`${i.broker}:${i.symbol}`} className="border-b border-border last:border-0">
                    <th scope="row" className="py-1 pr-2 text-left font-mono font-medium">{i.symbol}</th>
                    <td className="py-1 pr-2">{i.broker}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{formatMoney(i.notional)}</td>
                    <td className="py-1 text-right"><PnlText value={i.unrealized_pnl} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row" colSpan={2} className="py-1 text-left">Total</th>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatMoney(total.notional)}</td>
                  <td className="py-1 text-right"><PnlText value={total.pnl} /></td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}
