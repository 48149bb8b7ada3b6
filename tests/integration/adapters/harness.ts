import type { AccountRef } from "@/brokers/types";
import type { AdapterDeps } from "@/brokers/shared/broker-context";
import { memoryLimiterFactory } from "@/brokers/shared/limiter-factory";
import { memoryPenaltyStore } from "@/brokers/shared/penalty-store";
import type { LoggedRequest } from "@/tests/fakes/fake-server";

/** Adapter dependencies for tests: in-memory limiter and penalty state, a short timeout. */
export function testDeps(timeoutMs = 600): AdapterDeps {
  return { timeoutMs, limiterFactory: memoryLimiterFactory, penaltyStore: memoryPenaltyStore() };
}

/** An AccountRef for a demo account with the given credentials. */
export function demoRef(credentials: Record<string, string>, externalAccountId: string | null = null): AccountRef {
  return { accountId: "acc-test", userId: "user-test", mode: "demo", externalAccountId, credentials };
}

/** Requests the fake saw that match `method` and a path pattern. */
export function seen(requests: LoggedRequest[], method: string, path: RegExp): LoggedRequest[] {
  return requests.filter((r) => r.method === method && path.test(r.path));
}
