/**
 * News lockout: no new entries from `minutes_before` an economic release to `minutes_after`
 * it, when the release is important enough and concerns one of the instrument's currencies.
 * Spreads widen and prices gap around NFP, CPI, rate decisions; stops slip.
 */
import type { Impact } from "./schemas";
import { symbolCurrencies } from "./symbol-currencies";
import type { EconomicEvent, RiskBlock, RiskInput } from "./types";

const IMPACT_RANK: Record<Impact, number> = { low: 0, medium: 1, high: 2 };
const MINUTE = 60_000;

/** The first event (by time) that locks out `symbol` at `now`, or null. */
export function lockingEvent(
  symbol: string,
  now: Date,
  calendar: EconomicEvent[],
  lockout: { minutes_before: number; minutes_after: number; min_impact: Impact },
): EconomicEvent | null {
  const currencies = new Set(symbolCurrencies(symbol));
  if (currencies.size === 0) return null;
  const t = now.getTime();
  let found: EconomicEvent | null = null;
  for (const e of calendar) {
    if (IMPACT_RANK[e.impact] < IMPACT_RANK[lockout.min_impact]) continue;
    if (!currencies.has(e.currency.toUpperCase())) continue;
    const at = e.at.getTime();
    if (t < at - lockout.minutes_before * MINUTE || t > at + lockout.minutes_after * MINUTE) continue;
    if (!found || at < found.at.getTime()) found = e;
  }
  return found;
}

/** `news_lockout`: blocks entries in a symbol around a qualifying calendar event. */
export function checkNewsLockout({ intent, settings, now, calendar }: RiskInput): RiskBlock | null {
  const lockout = settings.news_lockout;
  if (!lockout.enabled || !intent.symbol) return null;
  const event = lockingEvent(intent.symbol, now, calendar, lockout);
  if (!event) return null;
  const at = event.at.getTime();
  const from = utcClock(new Date(at - lockout.minutes_before * MINUTE));
  const to = utcClock(new Date(at + lockout.minutes_after * MINUTE));
  const impact = event.impact[0].toUpperCase() + event.impact.slice(1);
  return {
    ok: false,
    rule: "news_lockout",
    reason: `${impact}-impact ${event.currency.toUpperCase()} news "${event.title}" at ${utcClock(event.at)} UTC: new entries are paused from ${from} to ${to} UTC.`,
  };
}

function utcClock(d: Date): string {
  return d.toISOString().slice(11, 16);
}
