"use client";

import dynamic from "next/dynamic";
import type { ChartPoint } from "./equity-chart";

// recharts is the heaviest thing on the page: load it after the numbers, in the browser only
// (it measures the container, which the server cannot).
const EquityChart = dynamic(() => import("./equity-chart"), {
  ssr: false,
  loading: () => (
    <div className="flex h-[280px] items-center justify-center text-sm text-muted" role="status">
      Loading chart…
    </div>
  ),
});

/** The equity curve card's chart, loaded lazily; the figure's text summary is rendered by the server. */
export function EquityCurve(props: { points: ChartPoint[]; currency: string | null; label: string }) {
  return <EquityChart {...props} />;
}
