import type { TimeRange } from "./types";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Where a `from` bound starts: a date means its first instant (00:00 UTC), a date-time itself. */
export function rangeStart(value: string): Date {
  return DATE_ONLY.test(value) ? new Date(`${value}T00:00:00.000Z`) : new Date(value);
}

/**
 * The exclusive end of a `to` bound: a date includes that whole UTC day (so ends at the
 * next midnight); a date-time includes that instant (so ends 1 ms later).
 */
export function rangeEnd(value: string): Date {
  const start = rangeStart(value);
  return new Date(start.getTime() + (DATE_ONLY.test(value) ? DAY_MS : 1));
}

/** A query's from/to as a time window: from inclusive (none = all history), to exclusive (none = now). */
export function resolveRange(q: { from?: string; to?: string }, now: Date): TimeRange {
  return { from: q.from ? rangeStart(q.from) : null, to: q.to ? rangeEnd(q.to) : now };
}

/** The dashboard's quick ranges. */
export const RANGE_PRESETS = ["7d", "30d", "90d", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/**
 * A preset as from/to dates: the last n calendar days including today (UTC), or all
 * history up to today.
 */
export function presetRange(preset: RangePreset, now: Date): { from?: string; to: string } {
  const to = utcDay(now);
  if (preset === "all") return { to };
  const days = Number.parseInt(preset, 10);
  return { from: utcDay(new Date(now.getTime() - (days - 1) * DAY_MS)), to };
}
