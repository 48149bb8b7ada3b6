import { getPlan, type Plan } from "./catalog";

export type PlanDecision = { ok: true } | { ok: false; code: "plan_limit" | "trial_expired"; reason: string };

export type TradeUsage = {
  /** Trades already counted in the current usage period (usagePeriod), before this one. */
  tradesUsed: number;
  now: Date;
  /** profiles.trial_ends_at; only read for the trial. */
  trialEndsAt: Date | null;
};

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Whether the plan allows one more trade. The trial ends at trial_ends_at or after its
 * trades, whichever comes first (both answer `trial_expired`); paid plans with a monthly
 * allowance answer `plan_limit`. The atomic count is claim_plan_trade() in the database;
 * this is the same rule for the UI and for a precise message.
 */
export function checkTradeAllowance(plan: Plan | string, usage: TradeUsage): PlanDecision {
  const p = typeof plan === "string" ? getPlan(plan) : plan;
  const limit = p.tradesPerPeriod;
  if (p.trialDays !== null) {
    // A trial without an end date cannot be shown to be running; treat it as over.
    if (!usage.trialEndsAt || usage.now.getTime() >= usage.trialEndsAt.getTime()) {
      const ended = usage.trialEndsAt ? ` on ${day.format(usage.trialEndsAt)}` : "";
      return { ok: false, code: "trial_expired", reason: `Your ${p.trialDays}-day trial ended${ended}; choose a plan to keep trading.` };
    }
    if (limit !== null && usage.tradesUsed >= limit) {
      return { ok: false, code: "trial_expired", reason: `Your trial's ${limit} trades are used; choose a plan to keep trading.` };
    }
    return { ok: true };
  }
  if (limit !== null && usage.tradesUsed >= limit) {
    return {
      ok: false,
      code: "plan_limit",
      reason: `${usage.tradesUsed} of ${limit} trades this month on ${p.name} are used; upgrade to Pro for unlimited trades, or wait for next month.`,
    };
  }
  return { ok: true };
}
