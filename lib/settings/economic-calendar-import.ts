import fs from "node:fs";
import path from "node:path";
import type { Queryable } from "@/lib/db/types";
import { parseEconomicCalendarCsv, type CalendarCsvError } from "@/lib/risk/economic-calendar-csv";
import { forgetCalendar } from "@/lib/execution/economic-calendar";

export const SAMPLE_CALENDAR = path.join(process.cwd(), "supabase", "economic_events_sample.csv");

/**
 * Loads an economic calendar CSV into economic_events (the news lockout reads it).
 * All or nothing: a file with a bad line is refused with every line's error. Events
 * already present (same time, currency and title) are updated, not duplicated.
 */
export async function importEconomicCalendar(tx: Queryable, csv: string): Promise<{ imported: number; errors: CalendarCsvError[] }> {
  const { events, errors } = parseEconomicCalendarCsv(csv);
  if (errors.length) return { imported: 0, errors };
  for (const e of events) {
    await tx.query(
      `insert into public.economic_events (at, currency, impact, title) values ($1, $2, $3, $4)
       on conflict (at, currency, title) do update set impact = excluded.impact`,
      [e.at, e.currency, e.impact, e.title],
    );
  }
  forgetCalendar();
  return { imported: events.length, errors: [] };
}

/** The shipped sample calendar, for an empty embedded database. */
export function sampleCalendarCsv(): string {
  return fs.readFileSync(/*turbopackIgnore: true*/ SAMPLE_CALENDAR, "utf8");
}
