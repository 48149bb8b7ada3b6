/**
 * Wall-clock time in an IANA time zone, via Intl (which carries the tz database, DST
 * included). Formatters are cached: building one costs far more than using it, and the
 * risk check runs on every alert.
 */

export type ZonedClock = {
  /** Calendar date there, YYYY-MM-DD. */
  date: string;
  /** Day of week there, 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight, with seconds as a fraction (09:30:30 → 570.5). */
  minutes: number;
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows `timeZone` (an IANA name such as Europe/London, or UTC). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock at `now` in `timeZone`. Throws RangeError for an unknown zone. */
export function zonedClock(now: Date, timeZone: string): ZonedClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  // Some engines still print midnight as 24 even with h23; fold it back.
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday),
    minutes: hour * 60 + Number(parts.minute) + Number(parts.second) / 60,
  };
}

/**
 * The trading day (YYYY-MM-DD) `now` falls in, in `timeZone`. Day counters (trades today,
 * realised P&L today) are keyed by it, so the day turns at local midnight, not UTC's —
 * or, with `overnightEnd` (minutes after midnight at which an overnight trading window
 * closes, 22:00–02:00 → 120), at that time: a session belongs to the day it opens on, so
 * its daily loss and trade count do not start over halfway through it.
 */
export function tradingDay(now: Date, timeZone: string, overnightEnd?: number): string {
  const here = zonedClock(now, timeZone);
  if (overnightEnd === undefined || here.minutes >= overnightEnd) return here.date;
  const yesterday = new Date(Date.parse(`${here.date}T12:00:00Z`) - 86_400_000);
  return yesterday.toISOString().slice(0, 10);
}

/** A weekday's short English name (0 → "Sun"). */
export function weekdayName(day: number): string {
  return WEEKDAYS[day] ?? String(day);
}
