import { describe, expect, test } from "vitest";
import { memoryLimiterFactory } from "./limiter-factory";
import { limiterPenaltyStore, memoryPenaltyStore, type PenaltyStore } from "./penalty-store";

const stores: [string, () => PenaltyStore][] = [
  ["memory", memoryPenaltyStore],
  ["rate-limiter backed (shared across replicas with Postgres)", () => limiterPenaltyStore(memoryLimiterFactory)],
];

describe.each(stores)("%s penalty store", (_name, make) => {
  test("remembers a deadline and the captcha flag, per key", async () => {
    const store = make();
    const now = Date.now();
    expect(await store.get("broker_tradovate:deployment", now)).toBeNull();
    await store.set("broker_tradovate:deployment", { until: now + 60_000, captcha: true }, now);
    const p = await store.get("broker_tradovate:deployment", now);
    expect(p?.captcha).toBe(true);
    expect(p!.until).toBeGreaterThan(now + 55_000);
    expect(p!.until).toBeLessThanOrEqual(now + 61_000);
    expect(await store.get("broker_projectx:abc", now)).toBeNull();
  });

  test("a plain penalty is not a captcha", async () => {
    const store = make();
    const now = Date.now();
    await store.set("k", { until: now + 5_000, captcha: false }, now);
    expect((await store.get("k", now))?.captcha).toBe(false);
  });
});
