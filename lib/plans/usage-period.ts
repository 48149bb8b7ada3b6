import { getPlan, type Plan } from "./catalog";

/**
 * The plan_usage period a trade counts in: "trial" for the whole trial, otherwise the UTC
 * calendar month ("2026-03"). Calendar months rather than billing cycles keep the counter
 * key computable without a Stripe round trip on the hot path.
 */
export function usagePeriod(plan: Plan | string, now: Date): string {
  const p = typeof plan === "string" ? getPlan(plan) : plan;
  if (p.trialDays !== null) return "trial";
  return now.toISOString().slice(0, 7);
}
