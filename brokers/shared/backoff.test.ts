import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { backoffDelayMs, parseRetryAfterMs } from "./backoff";

describe("backoffDelayMs", () => {
  test("grows with the attempt and never exceeds the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, r) => {
        const delay = backoffDelayMs(attempt, 100, 1_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(50);
        expect(delay).toBeLessThanOrEqual(1_000);
      }),
    );
    expect(backoffDelayMs(1, 100, 1_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 1_000, () => 1)).toBe(400);
    expect(backoffDelayMs(10, 100, 1_000, () => 1)).toBe(1_000);
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  test("reads delay-seconds", () => {
    expect(parseRetryAfterMs("3", now)).toBe(3_000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
  });
  test("reads an HTTP date relative to now", () => {
    expect(parseRetryAfterMs(new Date(now + 7_000).toUTCString(), now)).toBe(7_000);
    expect(parseRetryAfterMs(new Date(now - 7_000).toUTCString(), now)).toBe(0);
  });
  test("returns null when missing or unreadable", () => {
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs("soon", now)).toBeNull();
  });
});
