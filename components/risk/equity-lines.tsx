"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/format/money";
import { moneyTicker, timeFull, timeTick } from "./chart-format";

export type EquityPoint = { ms: number; equity: number; balance: number };

const TICK = { fill: "var(--muted)", fontSize: 11 };

/** Equity (solid) and balance (dashed steps) over time; decorative beside the numbers in words. */
export function EquityLines({ points }: { points: EquityPoint[] }) {
  const span = points[points.length - 1].ms - points[0].ms;
  const values = points.flatMap((p) => [p.equity, p.balance]);
  const moneyTick = moneyTicker(Math.max(...values) - Math.min(...values));
  return (
    <div aria-hidden="true" className="h-64 w-full min-w-0" data-testid="equity-chart">
      <LineChart responsive accessibilityLayer={false} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} style={{ width: "100%", height: "100%" }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis dataKey="ms" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => timeTick(v, span)} tick={TICK} stroke="var(--border)" minTickGap={24} />
        <YAxis domain={["auto", "auto"]} tickFormatter={moneyTick} width={76} tick={TICK} stroke="var(--border)" />
        <Tooltip
          labelFormatter={(v) => timeFull(Number(v))}
          formatter={(v) => formatMoney(Number(v))}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="monotone" dataKey="equity" name="Equity" stroke="var(--primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="balance" name="Balance" stroke="var(--muted)" strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
