import type { Intent } from "@/lib/intake/schemas";
import type { Impact, RiskSettings } from "./schemas";

/** The rule names the API returns in `rule` (and metrics label blocks with). */
export const RISK_RULES = [
  "denied_instruments",
  "trading_hours",
  "news_lockout",
  "max_daily_loss_usd",
  "max_daily_loss_pct",
  "max_trades_per_day",
  "max_open_trades",
  "max_concurrent_positions",
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export type RiskBlock = { ok: false; rule: RiskRule; reason: string };
export type RiskDecision = { ok: true } | RiskBlock;

/** The account's counters for the current trading day, read in the same transaction as the check. */
export type DayStats = {
  /** Entries placed today, not counting the one being checked. */
  tradesToday: number;
  /** Realised P&L today in account currency; a loss is negative. */
  realizedPnlToday: number;
  /** Equity at the start of the trading day. */
  startEquity: number;
  /** Open positions plus pending entry orders. */
  openTrades: number;
  /** Symbols with an open position (any spelling; compared canonically). */
  openSymbols: string[];
};

/** One calendar entry, as stored in economic_events. */
export type EconomicEvent = { at: Date; currency: string; impact: Impact; title: string };

export type RiskInput = {
  intent: Intent;
  settings: RiskSettings;
  stats: DayStats;
  now: Date;
  calendar: EconomicEvent[];
};

/** One rule: a block when it applies and is breached, otherwise null. */
export type RiskRuleCheck = (input: RiskInput) => RiskBlock | null;
