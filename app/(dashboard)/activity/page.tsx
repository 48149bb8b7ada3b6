import type { Metadata } from "next";
import { requireUser } from "@/lib/http/page-session";
import { listLogs } from "@/lib/activity/list-logs";
import { listWebhookEvents } from "@/lib/activity/list-webhook-events";
import { listOrders } from "@/lib/trading/list-orders";
import { LogsViewer } from "@/components/activity/logs-viewer";
import { WebhookEventsList } from "@/components/activity/webhook-events-list";
import { CorrelationTrail } from "@/components/activity/correlation-trail";
import { EVENTS_PAGE, LOGS_PAGE, readActivityFilters } from "@/components/activity/activity-filters";

export const metadata: Metadata = { title: "Activity" };

/** Activity: the log with live tail, the webhook events, and a drill-down by correlation id (?correlation_id=). */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const f = readActivityFilters(await searchParams);
  const correlation = f.correlationId ?? undefined;
  const [logs, events, orders] = await Promise.all([
    listLogs(user, { level: f.level || undefined, type: f.type || undefined, correlation_id: correlation, limit: LOGS_PAGE }),
    listWebhookEvents(user, { outcome: f.outcome || undefined, correlation_id: correlation, limit: EVENTS_PAGE }),
    correlation ? listOrders(user, { correlation_id: correlation, limit: 200 }) : null,
  ]);
  // Keyed by the URL's filters, so a drill-down starts the lists afresh.
  const key = `${f.correlationId ?? ""}|${f.level}|${f.type}|${f.outcome}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Activity</h1>
      {f.correlationId && orders ? (
        <CorrelationTrail id={f.correlationId} orders={orders.orders} />
      ) : null}
      <LogsViewer key={`logs-${key}`} initial={{ items: logs.logs, next: logs.next_cursor }} initialFilters={{ level: f.level, type: f.type }} correlationId={f.correlationId} />
      <WebhookEventsList key={`events-${key}`} initial={{ items: events.events, next: events.next_cursor }} initialOutcome={f.outcome} correlationId={f.correlationId} />
    </>
  );
}
