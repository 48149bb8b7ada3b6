/**
 * Trading hours in the trader's own time zone. A window whose end is earlier than its start
 * runs overnight (22:00–02:00); such a session belongs to the day it OPENS on, so with
 * days = Mon–Fri, Friday 22:00 → Saturday 02:00 is allowed and Sunday 22:00 is not.
 */
import type { TradingHours } from "./schemas";
import type { RiskBlock, RiskInput } from "./types";
import { weekdayName, zonedClock } from "./zoned-clock";

/** "09:30" → 570; "24:00" → 1440. */
export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/** Whether `now` falls inside the trading window (end exclusive: 16:00 itself is closed). */
export function isWithinTradingHours(hours: TradingHours, now: Date): boolean {
  const { weekday, minutes } = zonedClock(now, hours.timezone);
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  if (start < end) return hours.days.includes(weekday) && minutes >= start && minutes < end;
  if (minutes >= start) return hours.days.includes(weekday);
  // After midnight: inside only if yesterday's session is still running.
  return minutes < end && hours.days.includes((weekday + 6) % 7);
}

/** `trading_hours`: blocks entries outside the window when trading hours are on. */
export function checkTradingHours({ settings, now }: RiskInput): RiskBlock | null {
  const hours = settings.trading_hours;
  if (!hours.enabled || isWithinTradingHours(hours, now)) return null;
  const { weekday, minutes } = zonedClock(now, hours.timezone);
  const local = `${weekdayName(weekday)} ${clock(minutes)}`;
  return {
    ok: false,
    rule: "trading_hours",
    reason: `Trading is allowed ${describeDays(hours.days)} ${hours.start}–${hours.end} (${hours.timezone}); it is ${local} there now.`,
  };
}

function clock(minutes: number): string {
  const m = Math.floor(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** [1,2,3,4,5] → "Mon–Fri"; [0,6] → "Sun, Sat"; all seven → "every day". */
export function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return "every day";
  if (sorted.length === 0) return "on no day";
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((r) => (r.length >= 3 ? [`${weekdayName(r[0])}–${weekdayName(r.at(-1) ?? r[0])}`] : r.map(weekdayName)))
    .join(", ");
}
