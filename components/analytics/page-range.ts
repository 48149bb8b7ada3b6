import { presetRange, RANGE_PRESETS, utcDay, type RangePreset } from "@/lib/analytics/date-range";
import { equityQuery } from "@/lib/analytics/schemas";

type SearchParams = Record<string, string | string[] | undefined>;

/** The range the analytics page shows, read from its URL (?range=7d, or ?from=&to= for a custom one). */
export type PageRange = {
  preset: RangePreset | "custom";
  /** The from/to dates sent to the analytics queries (YYYY-MM-DD; from absent = all history). */
  query: { from?: string; to?: string };
  /** The query string for links that keep this range (the CSV export). */
  search: string;
  /** Why a custom range was refused, for the form. */
  error: string | null;
};

export const DEFAULT_PRESET: RangePreset = "30d";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * Reads the page's search params: a custom from/to (validated as the API validates it)
 * wins over ?range=, which defaults to the last 30 days. `now` fixes "today" (UTC).
 */
export function pageRange(params: SearchParams, now: Date): PageRange {
  const from = first(params.from);
  const to = first(params.to);
  if (from || to) {
    const parsed = equityQuery.safeParse({ from, to });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path[0] === "to" ? "To" : "From";
      const message = issue.message === "must not be after to" ? "The start date must not be after the end date." : `${field} ${issue.message}.`;
      return { preset: "custom", query: {}, search: "", error: message };
    }
    const query = { from: parsed.data.from, to: parsed.data.to ?? utcDay(now) };
    return { preset: "custom", query, search: toSearch(query), error: null };
  }
  const asked = first(params.range);
  const preset = (RANGE_PRESETS as readonly string[]).includes(asked ?? "") ? (asked as RangePreset) : DEFAULT_PRESET;
  const query = presetRange(preset, now);
  return { preset, query, search: toSearch(query), error: null };
}

function toSearch(q: { from?: string; to?: string }): string {
  const s = new URLSearchParams();
  if (q.from) s.set("from", q.from);
  if (q.to) s.set("to", q.to);
  return s.toString();
}
