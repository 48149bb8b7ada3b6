import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exposureItems, type OpenPositionValue } from "./exposure-items";

const pos = (p: Partial<OpenPositionValue>): OpenPositionValue => ({
  broker: "paper",
  symbol: "EURUSD",
  qty: 1,
  entry_price: 1.1,
  current_price: 1.1,
  value_per_point: 100_000,
  unrealized_pnl: 0,
  ...p,
});

describe("exposureItems", () => {
  test("notional = qty × current price × value per point, summed per broker and symbol, largest first", () => {
    const items = exposureItems([
      pos({ qty: 0.5, current_price: 1.1, unrealized_pnl: 12.5 }),
      pos({ qty: 0.25, current_price: 1.1, unrealized_pnl: -2.5 }),
      pos({ symbol: "XAUUSD", qty: 1, entry_price: 2000.5, current_price: 2010, value_per_point: 100, unrealized_pnl: 950 }),
      pos({ broker: "tradovate", symbol: "ES", qty: 2, current_price: 5000, value_per_point: 50, unrealized_pnl: -100 }),
    ]);
    expect(items).toEqual([
      { symbol: "ES", broker: "tradovate", notional: 500_000, unrealized_pnl: -100 },
      { symbol: "XAUUSD", broker: "paper", notional: 201_000, unrealized_pnl: 950 },
      { symbol: "EURUSD", broker: "paper", notional: 82_500, unrealized_pnl: 10 },
    ]);
  });

  test("a short is a positive size; before the first mark the entry price stands in", () => {
    expect(exposureItems([pos({ qty: -2, current_price: null, entry_price: 1.2 })])[0].notional).toBe(240_000);
    expect(exposureItems([])).toEqual([]);
  });

  test("tiles never have negative size and their total is the total notional", () => {
    const p = fc.record({
      broker: fc.constantFrom("paper", "mt5"),
      symbol: fc.constantFrom("EURUSD", "XAUUSD", "ES"),
      qty: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100),
      entry_price: fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100),
      current_price: fc.option(fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100)),
      value_per_point: fc.constantFrom(1, 50, 100, 100_000),
      unrealized_pnl: fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
    });
    fc.assert(
      fc.property(fc.array(p, { maxLength: 40 }), (list) => {
        const items = exposureItems(list);
        const total = list.reduce((s, x) => s + Math.abs(x.qty) * (x.current_price ?? x.entry_price) * x.value_per_point, 0);
        items.forEach((i) => expect(i.notional).toBeGreaterThanOrEqual(0));
        expect(items.reduce((s, i) => s + i.notional, 0)).toBeCloseTo(total, 0);
        expect(new Set(items.map((i) => `${i.broker}/${i.symbol}`)).size).toBe(items.length);
      }),
    );
  });
});
