import { describe, expect, test } from "vitest";
import { BrokerError } from "@/brokers/types";
import { BrokerRateLimiter, parseRateSpec } from "./rate-limiter";
import { memoryLimiterFactory } from "./limiter-factory";
import { memoryPenaltyStore } from "./penalty-store";
import { manualClock } from "./testing/manual-clock";

function limiter(points = 2, seconds = 1) {
  const clock = manualClock();
  const penalties = memoryPenaltyStore();
  const l = new BrokerRateLimiter({
    brokerName: "Testbroker",
    keyPrefix: "test_broker",
    spec: { points, seconds },
    factory: memoryLimiterFactory,
    penalties,
    clock,
  });
  return { l, clock, penalties };
}

describe("parseRateSpec", () => {
  test("reads points/seconds and falls back on anything else", () => {
    expect(parseRateSpec("200/60", { points: 1, seconds: 1 })).toEqual({ points: 200, seconds: 60 });
    expect(parseRateSpec("abc", { points: 1, seconds: 1 })).toEqual({ points: 1, seconds: 1 });
    expect(parseRateSpec("0/5", { points: 3, seconds: 1 })).toEqual({ points: 3, seconds: 1 });
  });
});

describe("BrokerRateLimiter", () => {
  test("lets calls through within the budget", async () => {
    const { l } = limiter(2);
    await l.acquire("a", 0);
    await l.acquire("a", 0);
    await l.acquire("b", 0);
  });

  test("fails fast with rate_limited when the wait exceeds the call's budget", async () => {
    const { l } = limiter(1, 60);
    await l.acquire("a", 0);
    await expect(l.acquire("a", 100)).rejects.toMatchObject({ kind: "rate_limited" });
  });

  test("waits out a short penalty, refuses a long one", async () => {
    const { l, clock } = limiter(100);
    await l.pause("deployment", { until: clock.now() + 500, captcha: false });
    await l.acquire("deployment", 1_000);
    expect(clock.sleeps).toContain(500);
    await l.pause("deployment", { until: clock.now() + 60_000, captcha: false });
    await expect(l.acquire("deployment", 1_000)).rejects.toBeInstanceOf(BrokerError);
  });

  test("a captcha penalty refuses every call until it expires", async () => {
    const { l, clock } = limiter(100);
    await l.pause("deployment", { until: clock.now() + 3_600_000, captcha: true });
    await expect(l.acquire("deployment", 10_000_000)).rejects.toThrow(/captcha/);
    expect(l.knownPenalty()?.captcha).toBe(true);
    clock.advance(3_600_001);
    await l.acquire("deployment", 0);
    expect(l.knownPenalty()).toBeNull();
  });
});
