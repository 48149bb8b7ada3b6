"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useCoalesced } from "@/components/activity/use-coalesced";
import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import type { LogView } from "@/lib/activity/list-logs";
import { LocalTime } from "@/components/activity/local-time";
import { LogLevel } from "@/components/activity/log-level";

const SHOWN = 8;

/** The latest activity-log entries, new ones arriving live at the top. */
export function RecentActivity({ initial }: { initial: LogView[] }) {
  const [logs, setLogs] = useState(initial);
  const [error, setError] = useState(false);
  const newest = useRef(initial[0]?.id ?? 0);
  const pull = useCoalesced(async () => {
    // Log events carry no id; read what is newer than the newest shown, with ids and data.
    try {
      const r = await api<{ logs: LogView[] }>(`/logs?limit=${SHOWN}${newest.current ? `&after=${newest.current}` : ""}`);
      newest.current = Math.max(newest.current, ...r.logs.map((l) => l.id));
      setLogs((list) => [...r.logs.filter((l) => !list.some((x) => x.id === l.id)), ...list].slice(0, SHOWN));
      setError(false);
    } catch {
      setError(true);
    }
  });
  useStream(pull, ["log"]);

  return (
    <section aria-labelledby="recent-title" className="rounded-lg border border-border bg-surface p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="recent-title" className="text-base font-semibold">
          Recent activity
        </h2>
        <Link href="/activity" className="text-sm text-primary underline">
          All activity
        </Link>
      </div>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-loss">
          Could not load the newest entries; they are in the activity page.
        </p>
      ) : null}
      {logs.length === 0 ? (
        <p className="py-4 text-sm text-muted" data-testid="recent-empty">
          Nothing yet. Connecting accounts, alerts, orders and risk blocks are all recorded here.
        </p>
      ) : (
        <ul className="divide-y divide-border" data-testid="recent-activity">
          {logs.map((l) => (
            <li key={l.id} className="flex items-start gap-3 py-2 text-sm" data-testid="recent-entry">
              <LogLevel level={l.level} />
              <span className="min-w-0 flex-1 break-words">{l.message}</span>
              <LocalTime iso={l.created_at} className="hidden text-xs text-muted sm:inline" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
