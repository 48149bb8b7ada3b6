import { expect } from "vitest";
import type { AccountRef } from "@/brokers/types";
import type { AdapterDeps } from "@/brokers/shared/broker-context";
import { memoryLimiterFactory } from "@/brokers/shared/limiter-factory";
import { memoryPenaltyStore } from "@/brokers/shared/penalty-store";
import type { LoggedRequest } from "@/tests/fakes/fake-server";

/** What the adapter tests need of a contract fake. */
type AdapterFake = { baseUrl: string; violations: string[]; close(): Promise<void> };

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

/** Client order ids shaped like ours (UUIDs): `prefix` followed by a 12-digit counter. */
export function orderIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(12, "0")}`;
}

/** Silences the app's log, starts the fake and points the adapter's base URL variable (`TRADELOCKER_BASE_URL`, …) at it. */
export async function startFake<F extends AdapterFake>(baseUrlEnv: string, start: () => Promise<F>): Promise<F> {
  process.env.UNIFY_LOG_LEVEL = "silent";
  const fake = await start();
  process.env[baseUrlEnv] = fake.baseUrl;
  return fake;
}

/** Closes the fake and unsets the base URL variable. */
export async function closeFake(baseUrlEnv: string, fake: AdapterFake): Promise<void> {
  await fake.close();
  delete process.env[baseUrlEnv];
}

/**
 * Runs `fn` against a fake of its own (started with other options), with the base URL
 * variable pointing at it; the fake must see no violation. Afterwards the variable points
 * back at the file's fake and the own one is closed.
 */
export async function withOwnFake<F extends AdapterFake>(baseUrlEnv: string, start: () => Promise<F>, fn: (fake: F) => Promise<void>): Promise<void> {
  const fake = await start();
  const saved = process.env[baseUrlEnv];
  process.env[baseUrlEnv] = fake.baseUrl;
  try {
    await fn(fake);
    expect(fake.violations).toEqual([]);
  } finally {
    if (saved === undefined) delete process.env[baseUrlEnv];
    else process.env[baseUrlEnv] = saved;
    await fake.close();
  }
}
