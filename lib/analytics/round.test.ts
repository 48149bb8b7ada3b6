import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { finiteRatio, roundMoney, roundRatio } from "./round";

describe("roundMoney / roundRatio", () => {
  test("halves round away from zero: a loss rounds like the same gain", () => {
    expect(roundMoney(50.125)).toBe(50.13);
    expect(roundMoney(-50.125)).toBe(-50.13); // was −50.12: the loss understated by a cent
    expect(roundMoney(-0.015)).toBe(-0.02);
    expect(roundRatio(-1.23455)).toBe(-1.2346);
  });

  test("a half in decimal is a half, whatever its binary value: 1.005 → 1.01, 2.675 → 2.68", () => {
    expect(roundMoney(1.005)).toBe(1.01); // was 1.00 (1.005 × 100 = 100.49999… in binary)
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(100_079.99999999)).toBe(100_080);
  });

  test("no negative zero, tiny and huge numbers, ∞ → null in finiteRatio", () => {
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(Object.is(roundMoney(-0), 0)).toBe(true);
    expect(roundMoney(1e-7)).toBe(0);
    expect(roundMoney(1e21)).toBe(1e21);
    expect(finiteRatio(Number.POSITIVE_INFINITY)).toBeNull();
    expect(finiteRatio(null)).toBeNull();
  });

  test("odd: roundMoney(−x) = −roundMoney(x); within half a cent; whole cents stay as they are", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(roundMoney(-x)).toBe(roundMoney(x) === 0 ? 0 : -roundMoney(x));
        expect(Math.abs(roundMoney(x) - x)).toBeLessThanOrEqual(0.005 + 1e-6);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(roundMoney(cents / 100)).toBe(cents / 100 + 0);
      }),
    );
  });
});
