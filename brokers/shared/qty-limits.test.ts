import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { combineQtyLimits } from "./qty-limits";

const seed = { minQty: 0.01, maxQty: 100, qtyStep: 0.01 };

describe("combineQtyLimits", () => {
  test("uses the seed when the broker says nothing", () => {
    expect(combineQtyLimits({}, seed)).toEqual(seed);
  });

  test("the tighter bound wins", () => {
    expect(combineQtyLimits({ minQty: 0.1, maxQty: 500, qtyStep: 0.1 }, seed)).toEqual({ minQty: 0.1, maxQty: 100, qtyStep: 0.1 });
    expect(combineQtyLimits({ minQty: 0.001, maxQty: 20 }, seed)).toEqual({ minQty: 0.01, maxQty: 20, qtyStep: 0.01 });
  });

  test("always within the seed range", () => {
    fc.assert(
      fc.property(fc.option(fc.double({ min: -10, max: 1_000, noNaN: true })), fc.option(fc.double({ min: -10, max: 1_000, noNaN: true })), (min, max) => {
        const r = combineQtyLimits({ minQty: min ?? undefined, maxQty: max ?? undefined }, seed);
        expect(r.minQty).toBeGreaterThanOrEqual(seed.minQty);
        expect(r.maxQty).toBeLessThanOrEqual(seed.maxQty);
      }),
    );
  });
});
