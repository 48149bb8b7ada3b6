/**
 * Daily loss limits: once today's REALISED loss reaches the limit, no new entries until the
 * next trading day. Open positions' running P&L is not counted: it is not yet a loss, and
 * counting it would let a price spike lock the trader out mid-trade.
 */
import type { RiskBlock, RiskInput } from "./types";

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Percent limits are stored to 3 decimals: a 1.005% limit must not read as "1.01%".
const pct = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** `max_daily_loss_usd`: blocks when today's realised loss ≥ the limit. */
export function checkMaxDailyLossUsd({ settings, stats }: RiskInput): RiskBlock | null {
  const limit = settings.max_daily_loss_usd;
  if (limit === null) return null;
  const loss = Math.max(0, -stats.realizedPnlToday);
  if (loss < limit) return null;
  return {
    ok: false,
    rule: "max_daily_loss_usd",
    reason: `Today's realised loss of ${money.format(loss)} has reached your daily limit of ${money.format(limit)}; new entries resume next trading day.`,
  };
}

/**
 * `max_daily_loss_pct`: blocks when today's realised loss ≥ the limit as a percentage of
 * start-of-day equity. Without a positive start equity the limit cannot be measured, and a
 * limit the trader set is never silently skipped, so that blocks too.
 */
export function checkMaxDailyLossPct({ settings, stats }: RiskInput): RiskBlock | null {
  const limit = settings.max_daily_loss_pct;
  if (limit === null) return null;
  if (!(stats.startEquity > 0)) {
    return {
      ok: false,
      rule: "max_daily_loss_pct",
      reason: `Your ${pct.format(limit)}% daily loss limit cannot be checked because today's starting equity is unknown; new entries are paused until the account syncs.`,
    };
  }
  const loss = Math.max(0, -stats.realizedPnlToday);
  // Cross-multiplied: 500 / 10,000 × 100 should be exactly 5, and division is where it drifts.
  if (loss * 100 < limit * stats.startEquity) return null;
  const lossPct = (loss / stats.startEquity) * 100;
  return {
    ok: false,
    rule: "max_daily_loss_pct",
    reason: `Today's realised loss of ${money.format(loss)} is ${pct.format(lossPct)}% of the day's starting equity (${money.format(stats.startEquity)}), reaching your ${pct.format(limit)}% daily limit; new entries resume next trading day.`,
  };
}
