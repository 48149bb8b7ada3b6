/**
 * The plan catalog: data, not code. Intake enforces it (402 with the reason), the pricing
 * page and billing read it, rate limits come from it. Security features (2FA, signed
 * webhooks, encrypted credentials) are on every plan and are never a reason to upgrade.
 */

export const PLAN_IDS = ["trial", "starter", "pro", "elite"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export type Plan = {
  id: PlanId;
  name: string;
  /** Monthly price in USD; 0 for the trial. */
  priceUsd: number;
  /** Connected broker accounts allowed; null = unlimited. */
  maxBrokerAccounts: number | null;
  /** Trades allowed per usage period (see usagePeriod); null = unlimited. */
  tradesPerPeriod: number | null;
  /** Trial length in days; null for paid plans. */
  trialDays: number | null;
  /** API and webhook requests per minute. */
  requestsPerMinute: number;
  advancedRiskViews: boolean;
  fullApi: boolean;
  /** Environment variable holding the Stripe price id; null when not sold through Stripe. */
  stripePriceEnv: "STRIPE_PRICE_STARTER" | "STRIPE_PRICE_PRO" | "STRIPE_PRICE_ELITE" | null;
  /** Pricing-page bullets, in display order. */
  features: string[];
};

const SECURITY = "Two-factor authentication, signed webhooks and encrypted broker credentials — on every plan";

export const PLANS: Record<PlanId, Plan> = {
  trial: {
    id: "trial",
    name: "Free trial",
    priceUsd: 0,
    maxBrokerAccounts: 1,
    tradesPerPeriod: 100,
    trialDays: 3,
    requestsPerMinute: 60,
    // The trial shows everything Pro has, so a trader can judge the risk views before paying.
    advancedRiskViews: true,
    fullApi: false,
    stripePriceEnv: null,
    features: ["3 days or 100 trades, whichever comes first", "1 broker account", "TradingView webhooks and the paper broker", "All risk rules", "Risk heatmap and drawdown views", SECURITY],
  },
  starter: {
    id: "starter",
    name: "Starter",
    priceUsd: 29,
    maxBrokerAccounts: 1,
    tradesPerPeriod: 100,
    trialDays: null,
    requestsPerMinute: 100,
    advancedRiskViews: false,
    fullApi: false,
    stripePriceEnv: "STRIPE_PRICE_STARTER",
    features: ["1 broker account", "100 trades per month", "100 API requests per minute", "All risk rules and trading config", SECURITY],
  },
  pro: {
    id: "pro",
    name: "Pro",
    priceUsd: 79,
    maxBrokerAccounts: 3,
    tradesPerPeriod: null,
    trialDays: null,
    requestsPerMinute: 500,
    advancedRiskViews: true,
    fullApi: false,
    stripePriceEnv: "STRIPE_PRICE_PRO",
    features: ["3 broker accounts", "Unlimited trades", "500 API requests per minute", "Advanced risk views: heatmap, drawdown, exposure", SECURITY],
  },
  elite: {
    id: "elite",
    name: "Elite",
    priceUsd: 199,
    maxBrokerAccounts: null,
    tradesPerPeriod: null,
    trialDays: null,
    requestsPerMinute: 2000,
    advancedRiskViews: true,
    fullApi: true,
    stripePriceEnv: "STRIPE_PRICE_ELITE",
    features: ["Unlimited broker accounts", "Unlimited trades", "2,000 API requests per minute", "Full API access", "Advanced risk views: heatmap, drawdown, exposure", SECURITY],
  },
};

/**
 * The plan for an id as stored in profiles.plan. An unknown id (which the column's check
 * constraint should make impossible) gets the trial's limits: the most restrictive, so a
 * data error never hands out a paid plan.
 */
export function getPlan(id: string): Plan {
  return (PLAN_IDS as readonly string[]).includes(id) ? PLANS[id as PlanId] : PLANS.trial;
}
