"use client";

import { useState } from "react";
import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import type { LogView } from "@/lib/activity/list-logs";
import { usePagedList, withQuery, type Page } from "./use-paged-list";
import { ListFooter } from "./list-footer";
import { LogRow } from "./log-row";
import { LiveBadge } from "@/components/positions/live-badge";
import { LOG_LEVELS, LOG_TYPES, LOGS_PAGE } from "./activity-filters";

type LogFilters = { level: string; type: string };


/**
 * The activity log: level and type filters, "Load more", and a live tail that can be
 * paused (new entries are then counted, not shown, until resumed).
 */
export function LogsViewer({ initial, initialFilters, correlationId }: { initial: Page<LogView>; initialFilters: LogFilters; correlationId: string | null }) {
  const list = usePagedList(initial, initialFilters, async (f: LogFilters, cursor) => {
    const r = await api<{ logs: LogView[]; next_cursor: string | null }>(withQuery("/logs", { level: f.level, type: f.type, correlation_id: correlationId, limit: LOGS_PAGE, cursor }));
    return { items: r.logs, next: r.next_cursor };
  });
  const [tail, setTail] = useState(true);
  const [missed, setMissed] = useState(0);

  const stream = useStream(() => {
    if (tail) list.mergeNewest();
    else setMissed((n) => n + 1);
  }, ["log"]);

  const filtered = list.filters.level !== "" || list.filters.type !== "";
  return (
    <Card
      title="Logs"
      actions={
        <div className="flex items-center gap-3">
          <LiveBadge state={tail ? stream : "paused"} />
          <button
            type="button"
            onClick={() => {
              if (!tail) {
                setMissed(0);
                list.mergeNewest();
              }
              setTail(!tail);
            }}
            className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-surface-2"
            data-testid="tail-toggle"
          >
            {tail ? "Pause live tail" : "Resume live tail"}
          </button>
        </div>
      }
    >
      <div className="mb-3 grid grid-cols-2 gap-3 sm:w-96">
        <SelectField id="logs-level" label="Level" value={list.filters.level} onChange={(e) => list.setFilters({ ...list.filters, level: e.target.value })}>
          <option value="">All levels</option>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </SelectField>
        <SelectField id="logs-type" label="Type" value={list.filters.type} onChange={(e) => list.setFilters({ ...list.filters, type: e.target.value })}>
          <option value="">All types</option>
          {LOG_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.replace("_", " ")}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="mb-2 text-sm text-muted">
        {list.busy === "reload" ? "Loading logs…" : !tail && missed ? `${missed} new ${missed === 1 ? "entry" : "entries"} while paused.` : ""}
      </p>
      {list.items.length === 0 && list.busy !== "reload" && !list.error ? (
        <p className="py-6 text-center text-sm text-muted" data-testid="logs-empty">
          {filtered || correlationId ? "No log entries match." : "No activity yet. Account changes, alerts, orders and risk blocks are recorded here."}
        </p>
      ) : (
        <ul className="divide-y divide-border" aria-busy={list.busy === "reload"} data-testid="logs-list">
          {list.items.map((l) => (
            <LogRow key={l.id} log={l} />
          ))}
        </ul>
      )}
      <ListFooter busy={list.busy} error={list.error} hasMore={list.hasMore} onRetry={list.reload} onMore={list.loadMore} what="log entries" />
    </Card>
  );
}
