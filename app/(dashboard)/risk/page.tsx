import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { getExposure } from "@/lib/analytics/get-exposure";
import { getEquityCurve } from "@/lib/analytics/get-equity-curve";
import { getDailyDrawdown } from "@/lib/analytics/get-daily-drawdown";
import { presetRange, utcDay } from "@/lib/analytics/date-range";
import { log } from "@/lib/log/logger";
import { ExposureHeatmap } from "@/components/risk/exposure-heatmap";
import { EquityCurve } from "@/components/risk/equity-curve";
import { equityPath } from "@/components/risk/equity-path";
import { DrawdownChart } from "@/components/risk/drawdown-chart";

export const metadata: Metadata = { title: "Risk" };

/** A first render's data; on failure the view loads it itself and shows its own error state. */
async function orNull<T>(what: string, load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (err) {
    log.warn("risk page: initial data failed", { what, error: String(err) });
    return null;
  }
}

export default async function RiskPage() {
  const user = await requireUser();
  const now = new Date();
  const today = utcDay(now);
  const [exposure, equity, drawdown] = await Promise.all([
    orNull("exposure", getExposure(user)),
    orNull("equity", getEquityCurve(user, presetRange("30d", now), now)),
    orNull("drawdown", getDailyDrawdown(user, { day: today }, now)),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Risk</h1>
      <p className="max-w-3xl text-sm text-muted">
        What is at risk now and how your equity has moved. The rules that limit it are on{" "}
        <Link className="text-primary underline" href="/settings">
          Settings
        </Link>
        .
      </p>
      <ExposureHeatmap initial={exposure} />
      <div className="grid gap-4 xl:grid-cols-2">
        <EquityCurve initial={equity} initialPreset="30d" initialPath={equityPath("30d", now)} />
        <DrawdownChart initial={drawdown} today={today} />
      </div>
    </>
  );
}
