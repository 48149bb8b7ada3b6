import { checkMaxDailyLossPct, checkMaxDailyLossUsd } from "./daily-loss";
import { checkDeniedInstruments } from "./denied-instruments";
import { checkNewsLockout } from "./news-lockout";
import { checkMaxConcurrentPositions, checkMaxOpenTrades, checkMaxTradesPerDay } from "./trade-limits";
import { checkTradingHours } from "./trading-hours";
import type { RiskDecision, RiskInput, RiskRuleCheck } from "./types";

// Order decides which reason a trader sees when several rules apply: the standing ones
// (instrument, hours, news) first, then the ones that depend on today's activity.
const RULES: RiskRuleCheck[] = [
  checkDeniedInstruments,
  checkTradingHours,
  checkNewsLockout,
  checkMaxDailyLossUsd,
  checkMaxDailyLossPct,
  checkMaxTradesPerDay,
  checkMaxOpenTrades,
  checkMaxConcurrentPositions,
];

/**
 * Checks an intent against the trader's risk rules; the first rule that blocks wins. Only
 * intents that open exposure are checked (entry, reverse): exits, exit_all and cancels
 * reduce risk and always pass, as does everything while risk rules are switched off.
 * A blocked reverse blocks only its opening part: the caller still closes the position.
 * Pure: the caller reads `stats` in the same transaction that records the order.
 */
export function checkRisk(input: RiskInput): RiskDecision {
  if (!input.settings.enabled) return { ok: true };
  if (input.intent.action !== "entry" && input.intent.action !== "reverse") return { ok: true };
  for (const rule of RULES) {
    const block = rule(input);
    if (block) return block;
  }
  return { ok: true };
}
