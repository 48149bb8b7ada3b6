import Link from "next/link";
import type { SessionUser } from "@/lib/auth/authenticate";
import { getSummary } from "@/lib/analytics/get-summary";
import { getEquityCurve } from "@/lib/analytics/get-equity-curve";
import type { EquityView, SummaryView } from "@/lib/analytics/schemas";
import { log } from "@/lib/log/logger";
import { Card } from "@/components/ui/card";
import { BreakdownTable, brokerName } from "./breakdown-table";
import { EquityCard } from "./equity-card";
import { KpiGrid } from "./kpi-grid";
import type { PageRange } from "./page-range";

async function load(user: SessionUser, range: PageRange): Promise<{ summary: SummaryView; equity: EquityView } | null> {
  try {
    const [summary, equity] = await Promise.all([getSummary(user, range.query), getEquityCurve(user, range.query)]);
    return { summary, equity };
  } catch (err) {
    log.error("analytics page failed to load", { user_id: user.id, error: (err as Error)?.stack ?? String(err) });
    return null;
  }
}

/** The report for one range: KPIs, equity curve, breakdowns — or its empty or error state. */
export async function AnalyticsReport({ user, range, retryHref }: { user: SessionUser; range: PageRange; retryHref: string }) {
  const data = await load(user, range);
  if (!data) {
    return (
      <Card>
        <div role="alert" className="space-y-2" data-testid="analytics-error">
          <h2 className="text-base font-semibold">Analytics could not be loaded</h2>
          <p className="text-sm text-muted">Your trades are safe; only this report failed to read them.</p>
          <Link href={retryHref} className="inline-block text-sm font-medium text-primary underline">
            Try again
          </Link>
        </div>
      </Card>
    );
  }
  const { summary, equity } = data;
  return (
    <div className="space-y-4">
      {summary.trades === 0 ? (
        <Card>
          <p className="text-sm" data-testid="analytics-empty">
            No closed trades in this range yet — send an alert from the{" "}
            <Link href="/playground" className="font-medium text-primary underline">
              Playground
            </Link>
            .
          </p>
        </Card>
      ) : (
        <KpiGrid summary={summary} />
      )}
      <EquityCard equity={equity} currency={summary.currency} />
      {summary.trades > 0 ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <BreakdownTable title="By broker" groupLabel="Broker" rows={summary.by_broker} currency={summary.currency} name={brokerName} testId="by-broker" />
          <BreakdownTable title="By strategy tag" groupLabel="Tag" rows={summary.by_tag} currency={summary.currency} testId="by-tag" />
        </div>
      ) : null}
    </div>
  );
}
