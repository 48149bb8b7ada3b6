import { describe, expect, test } from "vitest";
import { HealthTracker } from "./health-tracker";
import { manualClock } from "./testing/manual-clock";

describe("HealthTracker", () => {
  test("is operational without traffic and after successes", () => {
    const health = new HealthTracker({ clock: manualClock() });
    expect(health.status()).toBe("operational");
    health.record("ok");
    health.record("ok");
    expect(health.status()).toBe("operational");
  });

  test("one failure among successes degrades; three failures in a row is down", () => {
    const health = new HealthTracker({ clock: manualClock() });
    for (let i = 0; i < 6; i++) health.record("ok");
    health.record("failed");
    expect(health.status()).toBe("degraded");
    health.record("failed");
    health.record("failed");
    expect(health.status()).toBe("down");
  });

  test("half of the recent calls failing is down", () => {
    const health = new HealthTracker({ clock: manualClock() });
    for (const o of ["failed", "ok", "failed", "ok"] as const) health.record(o);
    expect(health.status()).toBe("down");
  });

  test("throttling degrades", () => {
    const health = new HealthTracker({ clock: manualClock() });
    health.record("throttled");
    expect(health.status()).toBe("degraded");
  });

  test("old outcomes slide out of the window", () => {
    const clock = manualClock();
    const health = new HealthTracker({ clock, windowMs: 60_000 });
    health.record("failed");
    health.record("failed");
    health.record("failed");
    expect(health.status()).toBe("down");
    clock.advance(61_000);
    expect(health.status()).toBe("operational");
  });

  test("a forced degradation lasts until its deadline", () => {
    const clock = manualClock();
    const health = new HealthTracker({ clock });
    health.degradeUntil(clock.now() + 3_600_000);
    expect(health.status()).toBe("degraded");
    clock.advance(3_600_001);
    expect(health.status()).toBe("operational");
  });
});
