import { AppError } from "@/lib/http/errors";
import { getPlan, type Plan } from "./catalog";

type Feature = "advancedRiskViews" | "fullApi";

const NAMES: Record<Feature, string> = { advancedRiskViews: "The risk heatmap and drawdown views", fullApi: "The full API" };

/** 402 plan_limit when the caller's plan does not include a feature. */
export function requireFeature(planId: string, feature: Feature): void {
  const plan: Plan = getPlan(planId);
  if (!plan[feature]) throw new AppError("plan_limit", `${NAMES[feature]} are part of Pro and Elite; your plan is ${plan.name}. Upgrade to use them.`);
}
