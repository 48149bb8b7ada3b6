import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { MAX_STRATEGY_ID_LENGTH, strategyIdFor } from "./strategy-id";

describe("strategyIdFor", () => {
  test("every UUID fits TradeLocker's limit, is deterministic and stays distinct", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const sa = strategyIdFor(a);
        expect(sa.length).toBeLessThanOrEqual(MAX_STRATEGY_ID_LENGTH);
        expect(sa).toMatch(/^u[0-9a-z]+$/);
        expect(strategyIdFor(a.toUpperCase())).toBe(sa);
        if (a.toLowerCase() !== b.toLowerCase()) expect(strategyIdFor(b)).not.toBe(sa);
      }),
    );
  });

  test("the UUID encoding is the 128-bit value in base 36", () => {
    expect(strategyIdFor("00000000-0000-0000-0000-000000000024")).toBe("u10");
    expect(strategyIdFor("ffffffff-ffff-ffff-ffff-ffffffffffff")).toBe("uf5lxx1zz5pnorynqglhzmsp33");
  });

  test("short plain ids pass through; long ones are hashed to a fitting id", () => {
    expect(strategyIdFor("ord_123")).toBe("ord_123");
    const long = "x".repeat(80);
    expect(strategyIdFor(long).length).toBeLessThanOrEqual(MAX_STRATEGY_ID_LENGTH);
    expect(strategyIdFor(long)).toBe(strategyIdFor(long));
    expect(strategyIdFor(long)).not.toBe(strategyIdFor("y".repeat(80)));
  });
});
