"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatAmount } from "./format";

export type ChartPoint = { t: number; equity: number; balance: number };

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const time = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const seconds = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const dayTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

/**
 * Axis labels that tell ticks apart: a curve moving 80 cents on 100,000 needs decimals,
 * one spanning millions needs compact notation; a range inside two days needs times (inside an hour, seconds).
 */
function axisFormats(points: ChartPoint[]) {
  const values = points.flatMap((p) => [p.equity, p.balance]);
  const spread = Math.max(...values) - Math.min(...values);
  const digits = spread >= 5 ? 0 : spread >= 0.5 ? 1 : 2;
  const plain = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const big = Math.max(...values.map(Math.abs)) >= 10_000_000;
  const span = points[points.length - 1].t - points[0].t;
  return {
    value: (v: number) => (big ? compact.format(v) : plain.format(v)),
    t: (t: number) => (span < 3_600_000 ? seconds.format(t) : span < 2 * 86_400_000 ? time.format(t) : day.format(t)),
  };
}

/**
 * Equity and balance over time (recharts). Colours come from the theme tokens, and the
 * two lines differ by dash as well as colour; the keyboard moves the tooltip (recharts'
 * accessibility layer).
 */
export default function EquityChart({ points, currency, label }: { points: ChartPoint[]; currency: string | null; label: string }) {
  const money = (v: unknown) => (typeof v === "number" ? formatAmount(v, currency) : String(v));
  const axis = axisFormats(points);
  return (
    <LineChart responsive data={points} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={label}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        tickFormatter={axis.t}
        tick={{ fill: "var(--muted)", fontSize: 12 }}
        stroke="var(--border)"
        minTickGap={24}
      />
      <YAxis
        width={72}
        domain={["auto", "auto"]}
        tickFormatter={axis.value}
        tick={{ fill: "var(--muted)", fontSize: 12 }}
        stroke="var(--border)"
      />
      <Tooltip
        labelFormatter={(t) => (typeof t === "number" ? dayTime.format(t) : String(t))}
        formatter={(v, name) => [money(v), name]}
        contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--text)" }}
        labelStyle={{ color: "var(--muted)" }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {/* Equity is known only at snapshots, so a straight line between them claims no more; balance moves only at closes, so it steps. */}
      <Line name="Equity" type="linear" dataKey="equity" stroke="var(--primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line name="Balance" type="stepAfter" dataKey="balance" stroke="var(--muted)" strokeWidth={1.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
    </LineChart>
  );
}
