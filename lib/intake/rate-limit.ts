import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { createLimiter, consume } from "@/lib/http/limiter";
import { AppError } from "@/lib/http/errors";
import { getPlan, PLAN_IDS, type PlanId } from "@/lib/plans/catalog";
import { config } from "@/lib/config/env";

const store = globalThis as unknown as { __unifyPlanLimiters?: Promise<Record<PlanId, RateLimiterAbstract>> };

function limiters(): Promise<Record<PlanId, RateLimiterAbstract>> {
  store.__unifyPlanLimiters ??= (async () => {
    const entries = await Promise.all(
      PLAN_IDS.map(async (id) => [id, await createLimiter({ keyPrefix: `plan_${id}`, points: getPlan(id).requestsPerMinute, duration: 60 })] as const),
    );
    return Object.fromEntries(entries) as Record<PlanId, RateLimiterAbstract>;
  })();
  return store.__unifyPlanLimiters;
}

/** Per-plan request rate (per user, per minute), shared by every replica. 429 with Retry-After when exceeded. */
export async function enforcePlanRate(userId: string, planId: string): Promise<void> {
  if (config().UNIFY_PLAN_RATE_LIMITS === "off") return;
  const plan = getPlan(planId);
  const wait = await consume((await limiters())[plan.id], userId);
  if (wait !== null) {
    throw new AppError("rate_limited", `Your ${plan.name} plan allows ${plan.requestsPerMinute} requests per minute. Wait ${wait} s or upgrade.`, {
      retryAfterSeconds: wait,
    });
  }
}

/** Tests only: forget limiters built for another database. */
export function resetPlanLimiters() {
  store.__unifyPlanLimiters = undefined;
}
