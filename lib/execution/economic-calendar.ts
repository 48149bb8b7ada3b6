import type { Queryable } from "@/lib/db/types";
import type { EconomicEvent } from "@/lib/risk/types";

// The calendar changes rarely; one query per minute per process is plenty.
const store = globalThis as unknown as { __unifyCalendar?: { loadedAt: number; from: number; to: number; events: EconomicEvent[] } };
const WINDOW_MS = 36 * 3600_000;

/** Calendar events within a day and a half of now (the news lockout reads minutes around events). */
export async function calendarAround(tx: Queryable, now: Date): Promise<EconomicEvent[]> {
  const c = store.__unifyCalendar;
  const t = now.getTime();
  if (c && t - c.loadedAt < 60_000 && t - c.from > 3600_000 && c.to - t > 3600_000) return c.events;
  const rows = await tx.query<{ at: Date; currency: string; impact: EconomicEvent["impact"]; title: string }>(
    "select at, currency, impact, title from public.economic_events where at between $1 and $2 order by at",
    [new Date(t - WINDOW_MS), new Date(t + WINDOW_MS)],
  );
  store.__unifyCalendar = { loadedAt: t, from: t - WINDOW_MS, to: t + WINDOW_MS, events: rows };
  return rows;
}

/** After the calendar is edited. */
export function forgetCalendar() {
  store.__unifyCalendar = undefined;
}
