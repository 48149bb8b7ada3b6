import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { requireInstrument } from "@/lib/market/instruments";
import { DEFAULT_LEVERAGE, marginRefusal, notional, positionMargin, requiredMargin } from "./margin";

describe("margin", () => {
  test("notional is price × qty × value per point, in USD for every kind", () => {
    expect(notional(requireInstrument("EURUSD"), 1.085, 1)).toBeCloseTo(108_500, 6);
    expect(notional({ valuePerPoint: 100_000 / 150 }, 150, 2)).toBeCloseTo(200_000, 6);
    expect(notional(requireInstrument("ES"), 5000, 1)).toBe(250_000);
    expect(notional(requireInstrument("XAUUSD"), 2300, -0.5)).toBe(115_000);
  });

  test("1:100 on FX by default; leverage configurable as a number or per kind", () => {
    const eurusd = requireInstrument("EURUSD");
    expect(DEFAULT_LEVERAGE.fx).toBe(100);
    expect(requiredMargin(eurusd, 1.085, 1)).toBe(1085);
    expect(requiredMargin(eurusd, 1.085, 1, 30)).toBe(3616.67);
    expect(requiredMargin(eurusd, 1.085, 1, { fx: 500 })).toBe(217);
    expect(requiredMargin(requireInstrument("ES"), 5000, 1, { fx: 500 })).toBe(12_500);
    expect(() => requiredMargin(eurusd, 1.085, 1, 0)).toThrow(RangeError);
  });

  test("margin grows linearly with size and shrinks with leverage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 500 }), (hundredths, leverage) => {
        const qty = hundredths / 100;
        const m = requiredMargin(requireInstrument("GBPUSD"), 1.27, qty, leverage);
        expect(m).toBeCloseTo((1.27 * 100_000 * qty) / leverage, 1);
        expect(requiredMargin(requireInstrument("GBPUSD"), 1.27, qty, leverage * 2)).toBeLessThanOrEqual(m);
      }),
    );
  });
});

describe("marginRefusal — the paper broker's free-margin check", () => {
  const account = { equity: 100_000, margin: 55_000 };
  const eurusd = (addedQty: number) => ({ symbol: "EURUSD", price: 1.1, addedQty, valuePerPoint: 100_000 });

  test("an order whose margin fits in equity − margin in use passes; one that does not is refused with the figures", () => {
    expect(positionMargin("EURUSD", 1.1, 40, 100_000)).toBe(44_000);
    expect(marginRefusal(account, eurusd(40))).toBeNull();
    expect(marginRefusal(account, eurusd(41))).toBe(
      "Not enough free margin: 41 EURUSD needs 45,100.00, and 45,000.00 is free (equity 100,000.00 − margin in use 55,000.00).",
    );
  });

  test("an order that adds nothing (it only reduces an opposite position) is never refused, even with no free margin", () => {
    expect(marginRefusal({ equity: 1_000, margin: 5_000 }, eurusd(0))).toBeNull();
    expect(marginRefusal({ equity: 1_000, margin: 5_000 }, eurusd(-2))).toBeNull();
  });

  test("whatever the numbers, a passing order's margin never exceeds free margin", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), (equity, margin, hundredths) => {
        const qty = hundredths / 100;
        if (marginRefusal({ equity, margin }, eurusd(qty)) === null) expect(positionMargin("EURUSD", 1.1, qty, 100_000)).toBeLessThanOrEqual(equity - margin + 0.005);
      }),
    );
  });
});
