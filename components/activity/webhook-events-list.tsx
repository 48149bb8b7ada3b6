"use client";

import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import type { WebhookEventView } from "@/lib/activity/list-webhook-events";
import { usePagedList, withQuery, type Page } from "./use-paged-list";
import { ListFooter } from "./list-footer";
import { WebhookEventRow } from "./webhook-event-row";
import { EVENTS_PAGE, WEBHOOK_OUTCOMES } from "./activity-filters";

/** Every alert that reached the trader's accounts, accepted or not, newest first and live. */
export function WebhookEventsList({ initial, initialOutcome, correlationId }: { initial: Page<WebhookEventView>; initialOutcome: string; correlationId: string | null }) {
  const list = usePagedList(initial, { outcome: initialOutcome }, async (f: { outcome: string }, cursor) => {
    const r = await api<{ events: WebhookEventView[]; next_cursor: string | null }>(withQuery("/webhook-events", { outcome: f.outcome, correlation_id: correlationId, limit: EVENTS_PAGE, cursor }));
    return { items: r.events, next: r.next_cursor };
  });
  useStream(() => list.mergeNewest(), ["webhook"]);

  return (
    <Card title="Webhook events">
      <div className="mb-3 sm:w-48">
        <SelectField id="events-outcome" label="Outcome" value={list.filters.outcome} onChange={(e) => list.setFilters({ outcome: e.target.value })}>
          <option value="">All outcomes</option>
          {WEBHOOK_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="mb-2 text-sm text-muted">
        {list.busy === "reload" ? "Loading webhook events…" : ""}
      </p>
      {list.items.length === 0 && list.busy !== "reload" && !list.error ? (
        <p className="py-6 text-center text-sm text-muted" data-testid="events-empty">
          {list.filters.outcome || correlationId ? "No webhook events match." : "No alerts received yet. Each one is recorded here, with the reason when it is refused."}
        </p>
      ) : (
        <ul className="divide-y divide-border" aria-busy={list.busy === "reload"} data-testid="events-list">
          {list.items.map((e) => (
            <WebhookEventRow key={e.id} event={e} />
          ))}
        </ul>
      )}
      <ListFooter busy={list.busy} error={list.error} hasMore={list.hasMore} onRetry={list.reload} onMore={list.loadMore} what="webhook events" />
    </Card>
  );
}
