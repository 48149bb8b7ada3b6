import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bidAskAround, findInstrument, INSTRUMENTS, requireInstrument, roundToTick, tickDecimals, toInstrument, UnknownSymbolError, valuePerPointAt } from "./instruments";

/** Whether a price is a whole number of ticks, allowing for the float error of the division. */
const onTick = (price: number, tick: number) => {
  const ticks = price / tick;
  return Math.abs(ticks - Math.round(ticks)) < 1e-12 * Math.max(1e3, Math.abs(ticks));
};

describe("instrument catalog", () => {
  test("holds every required symbol", () => {
    const required = "EURUSD GBPUSD USDJPY AUDUSD USDCAD USDCHF NZDUSD EURJPY GBPJPY ES MES NQ MNQ YM MYM RTY CL MCL GC MGC XAUUSD XAGUSD BTCUSD ETHUSD US30 NAS100 SPX500";
    for (const symbol of required.split(" ")) expect(INSTRUMENTS.get(symbol)?.symbol).toBe(symbol);
  });

  test("every entry is internally consistent", () => {
    for (const e of INSTRUMENTS.values()) {
      expect(e.brokerSymbol).toBe(e.symbol);
      expect(e.minQty).toBeGreaterThan(0);
      expect(e.minQty).toBeLessThanOrEqual(e.maxQty);
      expect(onTick(e.minQty, e.qtyStep)).toBe(true);
      expect(onTick(e.startPrice, e.tickSize)).toBe(true);
      expect(e.spread).toBeGreaterThanOrEqual(e.tickSize);
      expect(onTick(e.spread, e.tickSize)).toBe(true);
      expect(e.annualVolatility).toBeGreaterThan(0);
      expect(e.annualVolatility).toBeLessThan(1.5);
      expect(e.valuePerPoint).toBeGreaterThan(0);
      expect(INSTRUMENTS.get(e.feedSymbol)?.kind).toBe(e.kind);
      expect(Object.isFrozen(e)).toBe(true);
    }
  });

  test("lots 0.01–100 for FX, metals, crypto and CFDs; contracts 1–50 for futures", () => {
    for (const e of INSTRUMENTS.values()) {
      const futures = e.kind === "index_future" || e.kind === "future";
      expect([e.minQty, e.maxQty, e.qtyStep]).toEqual(futures ? [1, 50, 1] : [0.01, 100, 0.01]);
      if (futures) expect(e.contractSize).toBe(1);
    }
  });

  test.each([
    ["ES", 0.25, 12.5],
    ["MES", 0.25, 1.25],
    ["NQ", 0.25, 5],
    ["MNQ", 0.25, 0.5],
    ["YM", 1, 5],
    ["MYM", 1, 0.5],
    ["RTY", 0.1, 5],
    ["CL", 0.01, 10],
    ["MCL", 0.01, 1],
    ["GC", 0.1, 10],
    ["MGC", 0.1, 1],
  ])("%s ticks %s worth $%s", (symbol, tick, tickValue) => {
    const e = requireInstrument(symbol);
    expect(e.tickSize).toBe(tick);
    expect(e.pipSize).toBe(tick);
    expect(e.tickSize * e.valuePerPoint).toBeCloseTo(tickValue, 10);
  });

  test("FX pips and lot values", () => {
    const eurusd = requireInstrument("EURUSD");
    expect([eurusd.pipSize, eurusd.tickSize, eurusd.contractSize, eurusd.valuePerPoint]).toEqual([0.0001, 0.00001, 100_000, 100_000]);
    const usdjpy = requireInstrument("USDJPY");
    expect([usdjpy.pipSize, usdjpy.tickSize]).toEqual([0.01, 0.001]);
    // One pip on a lot of USDJPY at 150 is 1,000 yen ≈ USD 6.67.
    expect(usdjpy.valuePerPoint * usdjpy.pipSize).toBeCloseTo(6.667, 3);
  });
});

describe("findInstrument", () => {
  test.each([
    ["EURUSD", "EURUSD"],
    ["OANDA:EURUSD", "EURUSD"],
    ["eur/usd", "EURUSD"],
    ["NQ1!", "NQ"],
    ["CME_MINI:MNQ1!", "MNQ"],
    ["MNQZ5", "MNQ"],
    ["ESH2026", "ES"],
    ["BINANCE:BTCUSDT", "BTCUSD"],
    ["TVC:GOLD", "XAUUSD"],
    ["US100", "NAS100"],
  ])("%s → %s", (ticker, symbol) => {
    expect(findInstrument(ticker)?.symbol).toBe(symbol);
  });

  test("unknown tickers are undefined, and requireInstrument says which", () => {
    expect(findInstrument("XYZ")).toBeUndefined();
    expect(findInstrument("")).toBeUndefined();
    expect(() => requireInstrument("NYSE:XYZ")).toThrow(UnknownSymbolError);
    expect(() => requireInstrument("NYSE:XYZ")).toThrow("Unknown symbol XYZ");
  });
});

describe("value per point at current prices", () => {
  const mids: Record<string, number> = { USDJPY: 125, USDCAD: 1.25, USDCHF: 0.8 };
  const midOf = (s: string) => mids[s];

  test("USD-quoted instruments have a fixed value", () => {
    expect(valuePerPointAt(requireInstrument("EURUSD"), midOf)).toBe(100_000);
    expect(valuePerPointAt(requireInstrument("ES"), midOf)).toBe(50);
    expect(valuePerPointAt(requireInstrument("XAUUSD"), midOf)).toBe(100);
  });

  test("yen, CAD and CHF quoted pairs convert at the USD rate", () => {
    expect(valuePerPointAt(requireInstrument("USDJPY"), midOf)).toBe(800);
    expect(valuePerPointAt(requireInstrument("EURJPY"), midOf)).toBe(800);
    expect(valuePerPointAt(requireInstrument("USDCAD"), midOf)).toBe(80_000);
    expect(valuePerPointAt(requireInstrument("USDCHF"), midOf)).toBe(125_000);
  });

  test("toInstrument yields a plain Instrument valued now", () => {
    const i = toInstrument(requireInstrument("GBPJPY"), midOf);
    expect(i).toEqual({
      symbol: "GBPJPY",
      brokerSymbol: "GBPJPY",
      kind: "fx",
      minQty: 0.01,
      maxQty: 100,
      qtyStep: 0.01,
      tickSize: 0.001,
      pipSize: 0.01,
      valuePerPoint: 800,
      contractSize: 100_000,
    });
  });
});

describe("tick rounding", () => {
  test("tickDecimals", () => {
    expect([0.00001, 0.001, 0.25, 0.1, 1, 1e-7].map(tickDecimals)).toEqual([5, 3, 2, 1, 0, 7]);
  });

  test("roundToTick lands on tick without float noise", () => {
    expect(roundToTick(1.0850000000000002, 0.00001)).toBe(1.085);
    expect(roundToTick(5000.13, 0.25)).toBe(5000.25);
  });

  test("bid and ask are on tick, ordered, the spread whole ticks and the mid between them", () => {
    const ticks = [...INSTRUMENTS.values()].map((e) => e.tickSize);
    fc.assert(
      fc.property(fc.constantFrom(...ticks), fc.double({ min: 0.5, max: 100_000, noNaN: true }), fc.integer({ min: 0, max: 50 }), (tick, mid, spreadTicks) => {
        const { bid, ask } = bidAskAround(mid, tick, spreadTicks * tick);
        expect(onTick(bid, tick) && onTick(ask, tick)).toBe(true);
        expect(Math.round((ask - bid) / tick)).toBe(Math.max(1, spreadTicks));
        expect(bid - tick).toBeLessThanOrEqual(mid);
        expect(ask + tick).toBeGreaterThanOrEqual(mid);
      }),
    );
  });
});
