import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ceilToStep, floorToStep, fromSteps, isMultipleOfStep, roundToStep, stepDecimals } from "./round-to-step";

const step = fc.constantFrom(1e-7, 0.00001, 0.0001, 0.001, 0.01, 0.1, 0.25, 0.5, 1, 5, 10);

describe("step arithmetic", () => {
  test("decimals of a step, including exponent notation", () => {
    expect([0.01, 0.25, 1e-7, 2.5e-5, 5, 0.1].map(stepDecimals)).toEqual([2, 2, 7, 6, 0, 1]);
  });

  test("0.1 + 0.2 floors to 0.3 and 0.3 / 0.1 is three steps, not two", () => {
    expect(floorToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(0.7 - 0.4, 0.01)).toBe(0.3);
    expect(floorToStep(0.0149, 0.01)).toBe(0.01);
    expect(ceilToStep(1.095004, 0.00001)).toBe(1.09501);
    expect(roundToStep(1.1 - 1.095, 0.00001)).toBe(0.005);
  });

  test("a sum of k steps is exactly k steps, whatever float noise the sum carries", () => {
    fc.assert(
      fc.property(step, fc.integer({ min: 0, max: 2000 }), (s, k) => {
        let sum = 0;
        for (let i = 0; i < k; i++) sum += s;
        expect(floorToStep(sum, s)).toBe(fromSteps(k, s));
        expect(ceilToStep(sum, s)).toBe(fromSteps(k, s));
        expect(isMultipleOfStep(sum, s)).toBe(true);
      }),
    );
  });

  test("floor never goes up and ceil never down by more than float noise (1e-9 of a step or of the value)", () => {
    fc.assert(
      fc.property(step, fc.double({ min: 0, max: 1e6, noNaN: true }), (s, x) => {
        const noise = 1e-9 * Math.max(s, x);
        const f = floorToStep(x, s);
        expect(f).toBeLessThanOrEqual(x + noise);
        expect(f).toBeGreaterThan(x - s - noise);
        expect(isMultipleOfStep(f, s)).toBe(true);
        const c = ceilToStep(x, s);
        expect(c).toBeGreaterThanOrEqual(x - noise);
        expect(c - f).toBeLessThanOrEqual(s + noise);
      }),
    );
  });

  test("a zero step is a data bug and throws", () => {
    expect(() => floorToStep(1, 0)).toThrow(RangeError);
  });
});
