"use client";

import { ComposedChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from "recharts";
import { formatPrice } from "./price-format";

export type Levels = { entry: number; stopLoss?: number; takeProfit?: number; bid: number | null; ask: number | null; tickSize?: number };

// Two points give the chart a horizontal extent; the levels themselves are reference lines.
const FRAME = [{ x: 0 }, { x: 1 }];

/**
 * Entry, stop loss and take profit as horizontal levels around the current quote, with the
 * loss and profit zones shaded. Every level is labelled with its price, so colour is never
 * the only cue; the same numbers are listed next to the chart for screen readers.
 */
export function LevelsChart({ entry, stopLoss, takeProfit, bid, ask, tickSize }: Levels) {
  const values = [entry, stopLoss, takeProfit, bid, ask].filter((v): v is number => typeof v === "number");
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || entry * 0.001 || 1) * 0.2;
  const fmt = (v: number) => formatPrice(v, tickSize);
  return (
    <div aria-hidden="true" className="h-60 w-full min-w-0" data-testid="levels-chart">
      <ComposedChart
        responsive
        accessibilityLayer={false}
        data={FRAME}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
        style={{ width: "100%", height: "100%" }}
      >
        <XAxis dataKey="x" type="number" domain={[0, 1]} hide />
        {/* The levels carry their own price labels; the axis only sets the scale. */}
        <YAxis type="number" domain={[lo - pad, hi + pad]} hide allowDataOverflow />
        {stopLoss !== undefined ? <ReferenceArea y1={entry} y2={stopLoss} fill="var(--loss)" fillOpacity={0.12} ifOverflow="extendDomain" /> : null}
        {takeProfit !== undefined ? <ReferenceArea y1={entry} y2={takeProfit} fill="var(--profit)" fillOpacity={0.12} ifOverflow="extendDomain" /> : null}
        {bid !== null ? <ReferenceLine y={bid} stroke="var(--muted)" strokeDasharray="2 4" label={{ value: `bid ${fmt(bid)}`, position: "insideBottomRight", fill: "var(--muted)", fontSize: 11 }} /> : null}
        {ask !== null ? <ReferenceLine y={ask} stroke="var(--muted)" strokeDasharray="2 4" label={{ value: `ask ${fmt(ask)}`, position: "insideTopRight", fill: "var(--muted)", fontSize: 11 }} /> : null}
        <ReferenceLine y={entry} stroke="var(--primary)" strokeWidth={2} label={{ value: `Entry ${fmt(entry)}`, position: "insideTopLeft", fill: "var(--text)", fontSize: 12 }} />
        {stopLoss !== undefined ? (
          <ReferenceLine y={stopLoss} stroke="var(--loss)" strokeWidth={2} strokeDasharray="6 3" label={{ value: `SL ${fmt(stopLoss)}`, position: "insideBottomLeft", fill: "var(--loss)", fontSize: 12 }} />
        ) : null}
        {takeProfit !== undefined ? (
          <ReferenceLine y={takeProfit} stroke="var(--profit)" strokeWidth={2} strokeDasharray="6 3" label={{ value: `TP ${fmt(takeProfit)}`, position: "insideTopLeft", fill: "var(--profit)", fontSize: 12 }} />
        ) : null}
      </ComposedChart>
    </div>
  );
}
