"use client";

import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatPnl } from "@/lib/format/money";
import { formatPct, moneyTicker, timeFull, timeTick } from "./chart-format";

export type DrawdownPoint = { ms: number; dd: number; pct: number };

const TICK = { fill: "var(--muted)", fontSize: 11 };

/** The underwater curve (money below the day's peak, drawn below zero); decorative beside the numbers in words. */
export function DrawdownArea({ points, deepest }: { points: DrawdownPoint[]; deepest: number }) {
  const span = points[points.length - 1].ms - points[0].ms;
  const moneyTick = moneyTicker(-deepest);
  return (
    <div aria-hidden="true" className="h-56 w-full min-w-0" data-testid="drawdown-chart">
      <AreaChart responsive accessibilityLayer={false} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} style={{ width: "100%", height: "100%" }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis dataKey="ms" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => timeTick(v, span)} tick={TICK} stroke="var(--border)" minTickGap={24} />
        <YAxis domain={[deepest < 0 ? "auto" : -1, 0]} tickFormatter={moneyTick} width={76} tick={TICK} stroke="var(--border)" />
        <Tooltip
          labelFormatter={(v) => timeFull(Number(v))}
          formatter={(v, _name, item) => [`${formatPnl(Number(v))} (${formatPct((item.payload as DrawdownPoint).pct)})`, "Drawdown"]}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
        />
        <Area type="stepAfter" dataKey="dd" name="Drawdown" stroke="var(--loss)" fill="var(--loss)" fillOpacity={0.25} isAnimationActive={false} />
      </AreaChart>
    </div>
  );
}
