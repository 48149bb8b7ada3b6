import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BROKER_IDS, type Instrument } from "@/brokers/types";
import { applyBrokerLimits, BROKER_LIMITS } from "./broker-limits";
import { constrainQty, qtyUnit } from "./constrain-qty";
import { isMultipleOfStep } from "./round-to-step";

const MNQ: Instrument = {
  symbol: "MNQ", brokerSymbol: "MNQZ5", kind: "index_future", minQty: 1, maxQty: 200, qtyStep: 1,
  tickSize: 0.25, pipSize: 0.25, valuePerPoint: 2, contractSize: 1,
};
const EURUSD: Instrument = {
  symbol: "EURUSD", brokerSymbol: "EURUSD.r", kind: "fx", minQty: 0.001, maxQty: 500, qtyStep: 0.001,
  tickSize: 0.00001, pipSize: 0.0001, valuePerPoint: 10_000, contractSize: 10_000,
};

describe("applyBrokerLimits", () => {
  test("seed limits are encoded as data", () => {
    expect(BROKER_LIMITS.tradelocker).toMatchObject({ minQty: 0.01, maxQty: 100, qtyStep: 0.01, maxLeverage: 500 });
    expect(BROKER_LIMITS.topstep).toMatchObject({ minQty: 1, maxQty: 50, qtyStep: 1, unit: "contracts" });
    expect(BROKER_LIMITS.mt5).toMatchObject({ minQty: 0.01, maxQty: 100, fxContractSize: 100_000 });
    expect(BROKER_LIMITS.paper).toBeNull();
  });

  test("Topstep caps a future at 50 contracts; paper keeps the instrument's own", () => {
    expect(applyBrokerLimits("topstep", MNQ)).toMatchObject({ minQty: 1, maxQty: 50, qtyStep: 1 });
    expect(applyBrokerLimits("paper", MNQ)).toBe(MNQ);
  });

  test("MT5 uses 100,000-unit lots and rescales the value per point to them", () => {
    expect(applyBrokerLimits("mt5", { ...EURUSD, maxQty: 5_000 })).toMatchObject({ minQty: 0.01, maxQty: 100, qtyStep: 0.01, contractSize: 100_000, valuePerPoint: 100_000 });
  });

  test("rescaling to 100,000-unit lots rescales the instrument's own limits too: 500 lots of 10,000 units are 50 lots, not 100", () => {
    expect(applyBrokerLimits("mt5", EURUSD)).toMatchObject({ minQty: 0.01, maxQty: 50, qtyStep: 0.01 });
    expect(applyBrokerLimits("mt4", { ...EURUSD, minQty: 2, qtyStep: 1, maxQty: 300 })).toMatchObject({ minQty: 0.2, maxQty: 30, qtyStep: 0.1 });
  });

  test("property: the units a merged FX lot limit stands for never exceed the instrument's own", () => {
    fc.assert(
      fc.property(fc.constantFrom(1_000, 10_000, 100_000), fc.constantFrom(1, 10, 500, 5_000), fc.constantFrom(0.001, 0.01, 1), (contractSize, maxQty, qtyStep) => {
        const inst = { ...EURUSD, contractSize, valuePerPoint: contractSize, maxQty, qtyStep, minQty: qtyStep };
        const merged = applyBrokerLimits("mt5", inst);
        expect(merged.maxQty * merged.contractSize).toBeLessThanOrEqual(maxQty * contractSize * (1 + 1e-9));
        expect(merged.minQty * merged.contractSize).toBeGreaterThanOrEqual(inst.minQty * contractSize * (1 - 1e-9));
        expect(merged.valuePerPoint / merged.contractSize).toBe(1);
      }),
    );
  });

  test("the merged constraints are never looser than either side, and stay on the step grid", () => {
    const inst = fc.record({
      minQty: fc.constantFrom(0.001, 0.01, 0.1, 1, 2),
      maxQty: fc.constantFrom(1, 10, 50, 100, 1000),
      qtyStep: fc.constantFrom(0.001, 0.01, 0.1, 1),
    });
    fc.assert(
      fc.property(fc.constantFrom(...BROKER_IDS), inst, (broker, c) => {
        const merged = applyBrokerLimits(broker, { ...MNQ, ...c });
        const limits = BROKER_LIMITS[broker];
        expect(merged.minQty).toBeGreaterThanOrEqual(Math.max(c.minQty, limits?.minQty ?? 0));
        expect(merged.maxQty).toBeLessThanOrEqual(Math.min(c.maxQty, limits?.maxQty ?? Infinity));
        expect(merged.qtyStep).toBeGreaterThanOrEqual(c.qtyStep);
        if (limits) expect(isMultipleOfStep(merged.minQty, merged.qtyStep) && isMultipleOfStep(merged.maxQty, merged.qtyStep)).toBe(true);
      }),
    );
  });
});

describe("constrainQty", () => {
  test("units follow the instrument kind", () => {
    expect([qtyUnit(MNQ), qtyUnit(EURUSD), qtyUnit({ kind: "stock" })]).toEqual(["contracts", "lots", "shares"]);
  });

  test("rounds down, clamps down, rejects below the minimum", () => {
    const topstep = applyBrokerLimits("topstep", MNQ);
    expect(constrainQty(2.9, topstep)).toEqual({ ok: true, qty: 2, adjustments: ["qty 2.9 rounded down to 2 (step 1 contracts)"] });
    expect(constrainQty(75, topstep)).toEqual({ ok: true, qty: 50, adjustments: ["qty 75 reduced to the maximum 50 contracts for MNQ"] });
    expect(constrainQty(0.6, topstep)).toEqual({ ok: false, reason: "qty 0.6 is below the minimum 1 contracts for MNQ" });
    expect(constrainQty(1, { ...topstep, minQty: 5, maxQty: 3 })).toMatchObject({ ok: false, reason: expect.stringContaining("cannot be traded here") });
  });
});
