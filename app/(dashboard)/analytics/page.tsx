import { Suspense } from "react";
import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { utcDay } from "@/lib/analytics/date-range";
import { pageRange } from "@/components/analytics/page-range";
import { RangePicker } from "@/components/analytics/range-picker";
import { AnalyticsReport } from "@/components/analytics/analytics-report";
import { ReportSkeleton } from "@/components/analytics/report-skeleton";

export const metadata: Metadata = { title: "Analytics" };

/** Performance over a date range: KPIs, equity curve, per-broker and per-tag tables, CSV export. */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const now = new Date();
  const range = pageRange(await searchParams, now);
  const retryHref = `/analytics${range.preset === "custom" ? `?${range.search}` : `?range=${range.preset}`}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Analytics</h1>
      <RangePicker range={range} today={utcDay(now)} />
      {range.error ? null : (
        // A new key per range: the report shows its skeleton while the new range loads.
        <Suspense key={range.search} fallback={<ReportSkeleton />}>
          <AnalyticsReport user={user} range={range} retryHref={retryHref} />
        </Suspense>
      )}
    </>
  );
}
