/**
 * Count limits: trades per day, open trades, distinct symbols with a position. Each blocks
 * the entry that would go past the limit, so "at the limit" already blocks.
 */
import { instrumentKey } from "./instrument-key";
import type { RiskBlock, RiskInput } from "./types";

/** `max_trades_per_day`: blocks when today's entries ≥ the limit. */
export function checkMaxTradesPerDay({ settings, stats }: RiskInput): RiskBlock | null {
  const limit = settings.max_trades_per_day;
  if (limit === null || stats.tradesToday < limit) return null;
  const hours = settings.trading_hours;
  // An overnight window's session keeps the day it opened on (see statsDay): it turns at the window's end.
  const turns = hours.enabled && hours.end < hours.start ? hours.end : "midnight";
  return {
    ok: false,
    rule: "max_trades_per_day",
    reason: `${stats.tradesToday} of ${limit} trades allowed today are used; the count resets at ${turns} ${hours.timezone}.`,
  };
}

/**
 * `max_open_trades`: blocks when open positions + pending entries ≥ the limit. A reverse of
 * a symbol that is open closes one trade as it opens one, so it does not add to the count.
 */
export function checkMaxOpenTrades(input: RiskInput): RiskBlock | null {
  const { settings, stats } = input;
  const limit = settings.max_open_trades;
  if (limit === null) return null;
  const open = stats.openTrades - (reversesOpenSymbol(input) ? 1 : 0);
  if (open < limit) return null;
  return {
    ok: false,
    rule: "max_open_trades",
    reason: `${stats.openTrades} of ${limit} open trades allowed (positions and pending orders); close one first.`,
  };
}

/**
 * `max_concurrent_positions`: blocks a NEW symbol when positions are already open in as
 * many distinct symbols as allowed. Adding to a symbol already held is not a new position.
 */
export function checkMaxConcurrentPositions({ intent, settings, stats }: RiskInput): RiskBlock | null {
  const limit = settings.max_concurrent_positions;
  if (limit === null || !intent.symbol) return null;
  const symbol = instrumentKey(intent.symbol);
  const open = new Set(stats.openSymbols.map(instrumentKey));
  if (open.has(symbol) || open.size < limit) return null;
  const held = [...open].sort().join(", ");
  return {
    ok: false,
    rule: "max_concurrent_positions",
    reason: `Positions are open in ${open.size} of ${limit} allowed symbols${held ? ` (${held})` : ""}; close one before opening ${symbol}.`,
  };
}

function reversesOpenSymbol({ intent, stats }: RiskInput): boolean {
  if (intent.action !== "reverse" || !intent.symbol) return false;
  const symbol = instrumentKey(intent.symbol);
  return stats.openSymbols.some((s) => instrumentKey(s) === symbol);
}
