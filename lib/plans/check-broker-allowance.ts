import { getPlan, type Plan } from "./catalog";

export type BrokerAllowance = { ok: true } | { ok: false; code: "plan_limit"; reason: string };

/**
 * Whether the plan allows connecting one more broker account, given how many the user has
 * already (`accountCount`, before the new one).
 */
export function checkBrokerAllowance(plan: Plan | string, accountCount: number): BrokerAllowance {
  const p = typeof plan === "string" ? getPlan(plan) : plan;
  const max = p.maxBrokerAccounts;
  if (max === null || accountCount < max) return { ok: true };
  const noun = max === 1 ? "broker account" : "broker accounts";
  const next = p.id === "pro" ? "Elite for unlimited accounts" : "Pro for 3 accounts";
  return {
    ok: false,
    code: "plan_limit",
    reason: `${p.name} allows ${max} ${noun} and you have ${accountCount}; remove one or upgrade to ${next}.`,
  };
}
