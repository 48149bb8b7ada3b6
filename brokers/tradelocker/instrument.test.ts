import { findInstrument } from "@/lib/market/instruments";
import { describe, expect, test } from "vitest";
import { instrumentKind, quoteCurrencyInName, readInstruments, toInstrument } from "./instrument";

const data = {
  instruments: [
    { tradableInstrumentId: 278, id: 1, name: "EURUSD", type: "FOREX", routes: [{ id: 451, type: "INFO" }, { id: 452, type: "TRADE" }] },
    { tradableInstrumentId: "279", name: "USDJPY", type: "FOREX", routes: [{ id: "452", type: "TRADE" }], lotStep: 0.1, minLot: 0.1, maxLot: 500 },
    { tradableInstrumentId: 300, name: "XAUUSD", type: "CFD", routes: [] },
    { name: "broken" },
  ],
};

describe("TradeLocker instruments", () => {
  test("reads ids and the TRADE/INFO routes, skipping unusable entries", () => {
    const list = readInstruments(data);
    expect(list.map((i) => [i.tradableInstrumentId, i.tradeRouteId, i.infoRouteId])).toEqual([
      [278, 452, 451],
      [279, 452, undefined],
      [300, undefined, undefined],
    ]);
  });

  test("FX instrument: 100k lots, pip 0.0001 (JPY 0.01), seed lot limits", () => {
    const [eur, jpy] = readInstruments(data).map(toInstrument);
    expect(eur).toMatchObject({
      symbol: "EURUSD",
      kind: "fx",
      minQty: 0.01,
      maxQty: 100,
      qtyStep: 0.01,
      pipSize: 0.0001,
      contractSize: 100_000,
      valuePerPoint: 100_000,
      meta: { tradableInstrumentId: 278, routeId: 452, infoRouteId: 451 },
    });
    expect(jpy).toMatchObject({ pipSize: 0.01, minQty: 0.1, maxQty: 100, qtyStep: 0.1 });
  });

  test("metals use the paper catalog's pips and ticks (gold 0.1 / 0.01, silver 0.01 / 0.001): the same alert means the same stop at every broker", () => {
    const gold = toInstrument({ tradableInstrumentId: 1, name: "XAUUSD", type: "CFD", tradeRouteId: 2, raw: {} });
    const silver = toInstrument({ tradableInstrumentId: 3, name: "XAGUSD", type: "CFD", tradeRouteId: 4, raw: {} });
    const catalog = (s: string) => findInstrument(s)!;
    expect([gold.pipSize, gold.tickSize]).toEqual([catalog("XAUUSD").pipSize, catalog("XAUUSD").tickSize]);
    expect([silver.pipSize, silver.tickSize]).toEqual([catalog("XAGUSD").pipSize, catalog("XAGUSD").tickSize]);
  });

  test("kinds from type or name", () => {
    expect(instrumentKind({ name: "XAUUSD", type: "CFD" })).toBe("metal");
    expect(instrumentKind({ name: "BTCUSD", type: "CRYPTO" })).toBe("crypto");
    expect(instrumentKind({ name: "GBPCHF" })).toBe("fx");
    expect(instrumentKind({ name: "US30" })).toBe("index");
  });

  test("quote currency from the name where it is in it (FX, metals, coins); indices and odd names: unknown", () => {
    expect(quoteCurrencyInName({ name: "EURGBP", type: "FOREX" })).toBe("GBP");
    expect(quoteCurrencyInName({ name: "USDJPY.m" })).toBe("JPY");
    expect(quoteCurrencyInName({ name: "XAUUSD", type: "CFD" })).toBe("USD");
    expect(quoteCurrencyInName({ name: "BTCJPY", type: "CRYPTO" })).toBe("JPY");
    expect(quoteCurrencyInName({ name: "BTCUSDT", type: "CRYPTO" })).toBeUndefined();
    expect(quoteCurrencyInName({ name: "US30", type: "CFD" })).toBeUndefined();
    expect(quoteCurrencyInName({ name: "GER40", type: "CFD" })).toBeUndefined();
  });
});
