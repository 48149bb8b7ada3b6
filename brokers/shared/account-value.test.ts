import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Instrument } from "@/brokers/types";
import { accountValueProblem, conversionPair, convertAtMid, withoutAccountValue } from "./account-value";

const listed = (...pairs: string[]) => (pair: string) => pairs.includes(pair);
const price = fc.double({ min: 1e-4, max: 1e5, noNaN: true });
const money = fc.double({ min: 1e-2, max: 1e7, noNaN: true });
const currency = fc.constantFrom("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD");

describe("conversionPair", () => {
  test("GBP money on a USD account is priced by GBPUSD (×), JPY money by USDJPY (÷)", () => {
    expect(conversionPair("GBP", "USD", listed("GBPUSD", "USDJPY"))).toEqual({ pair: "GBPUSD", divide: false });
    expect(conversionPair("jpy", "usd", listed("GBPUSD", "USDJPY"))).toEqual({ pair: "USDJPY", divide: true });
    expect(conversionPair("CHF", "EUR", listed("EURCHF"))).toEqual({ pair: "EURCHF", divide: true });
  });

  test("no listed pair between the two currencies: null (no guessing through a third currency)", () => {
    expect(conversionPair("NOK", "JPY", listed("USDNOK", "USDJPY"))).toBeNull();
  });

  test("whichever direction is listed, the pair joins exactly the two currencies", () => {
    fc.assert(
      fc.property(currency, currency, fc.boolean(), (from, to, direct) => {
        fc.pre(from !== to);
        const via = conversionPair(from, to, listed(direct ? from + to : to + from));
        expect(via).toEqual({ pair: direct ? from + to : to + from, divide: !direct });
      }),
    );
  });
});

describe("convertAtMid", () => {
  test("the brief's figures: EURGBP at GBPUSD 1.27 and USDJPY at 150 on a USD account", () => {
    const eurgbp = convertAtMid(100_000, { pair: "GBPUSD", divide: false }, 1.27)!;
    const usdjpy = convertAtMid(100_000, { pair: "USDJPY", divide: true }, 150)!;
    expect(eurgbp).toBeCloseTo(127_000, 6);
    expect(usdjpy).toBeCloseTo(666.6667, 3);
    // risk_usd 100 with a 20-pip stop: 100 / (stop × value per point) lots.
    expect(100 / (0.002 * eurgbp)).toBeCloseTo(0.3937, 4);
    expect(100 / (0.2 * usdjpy)).toBeCloseTo(0.75, 10);
  });

  test("a pair quoted in the account's base is worth its contract in account money at any rate (USDJPY: value × price = 100,000 JPY)", () => {
    fc.assert(
      fc.property(price, (usdjpy) => {
        const value = convertAtMid(100_000, { pair: "USDJPY", divide: true }, usdjpy)!;
        expect(value * usdjpy).toBeCloseTo(100_000, 6);
      }),
    );
  });

  test("multiplying then dividing by the same mid gives the amount back", () => {
    fc.assert(
      fc.property(money, price, (amount, mid) => {
        const there = convertAtMid(amount, { pair: "GBPUSD", divide: false }, mid)!;
        const back = convertAtMid(there, { pair: "GBPUSD", divide: true }, mid)!;
        expect(Math.abs(back - amount)).toBeLessThanOrEqual(amount * 1e-12);
      }),
    );
  });

  test("linear in the amount: twice the value per point converts to twice the money", () => {
    fc.assert(
      fc.property(money, price, fc.boolean(), (amount, mid, divide) => {
        const via = { pair: "XXXYYY", divide };
        expect(convertAtMid(2 * amount, via, mid)!).toBeCloseTo(2 * convertAtMid(amount, via, mid)!, 6);
      }),
    );
  });

  test("a missing or broken price never becomes a value", () => {
    fc.assert(
      fc.property(money, fc.constantFrom(0, -1.27, Number.NaN, Number.POSITIVE_INFINITY), fc.boolean(), (amount, mid, divide) => {
        expect(convertAtMid(amount, { pair: "GBPUSD", divide }, mid)).toBeUndefined();
      }),
    );
  });
});

describe("withoutAccountValue", () => {
  const eurgbp: Instrument = {
    symbol: "EURGBP",
    brokerSymbol: "EURGBP",
    kind: "fx",
    minQty: 0.01,
    maxQty: 100,
    qtyStep: 0.01,
    tickSize: 0.00001,
    pipSize: 0.0001,
    valuePerPoint: 100_000,
    contractSize: 100_000,
    meta: { tradableInstrumentId: 7 },
  };

  test("marks the instrument with the reason and keeps its ids; an unmarked one has no problem", () => {
    const marked = withoutAccountValue(eurgbp, "no GBPUSD price");
    expect(accountValueProblem(marked)).toBe("no GBPUSD price");
    expect(marked.meta?.tradableInstrumentId).toBe(7);
    expect(accountValueProblem(eurgbp)).toBeUndefined();
    expect(eurgbp.meta).toEqual({ tradableInstrumentId: 7 });
  });
});
