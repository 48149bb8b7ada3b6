import { describe, expect, test } from "vitest";
import { accountValueProblem } from "@/brokers/shared/account-value";
import { BrokerError } from "@/brokers/types";
import { resolveMtInstrument } from "./mt-symbol";

describe("MetaTrader symbol resolution", () => {
  test("TradingView tickers with an exchange prefix map to the plain symbol", () => {
    expect(resolveMtInstrument("OANDA:EURUSD")).toMatchObject({ symbol: "EURUSD", brokerSymbol: "EURUSD", kind: "fx" });
    expect(resolveMtInstrument("FX:gbp/usd").symbol).toBe("GBPUSD");
  });

  test("FX: lots 0.01–100 step 0.01, 100,000 units per lot, USD 100,000 per 1.0 move on a USD-quoted pair", () => {
    expect(resolveMtInstrument("EURUSD")).toMatchObject({
      minQty: 0.01,
      maxQty: 100,
      qtyStep: 0.01,
      contractSize: 100_000,
      valuePerPoint: 100_000,
      pipSize: 0.0001,
      tickSize: 0.00001,
    });
    expect(resolveMtInstrument("USDJPY")).toMatchObject({ pipSize: 0.01, contractSize: 100_000 });
  });

  test("metals, indices and crypto CFDs keep their catalog contract; broker aliases resolve", () => {
    expect(resolveMtInstrument("GOLD")).toMatchObject({ symbol: "XAUUSD", kind: "metal", contractSize: 100, minQty: 0.01 });
    expect(resolveMtInstrument("NAS100")).toMatchObject({ kind: "index", maxQty: 100 });
    expect(resolveMtInstrument("BINANCE:BTCUSDT").symbol).toBe("BTCUSD");
  });

  test("USD-quoted pairs outside the catalog are still tradable", () => {
    expect(resolveMtInstrument("NOKUSD")).toMatchObject({ symbol: "NOKUSD", kind: "fx", valuePerPoint: 100_000 });
  });

  test("futures and unknown symbols are refused with a reason the trader can act on", () => {
    expect(() => resolveMtInstrument("CME_MINI:NQ1!")).toThrow(/NAS100/);
    expect(() => resolveMtInstrument("ES")).toThrow(/SPX500/);
    expect(() => resolveMtInstrument("EURGBP")).toThrow(/quoted in GBP/);
    const err = (() => {
      try {
        resolveMtInstrument("FOOBAR1");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BrokerError);
    expect((err as BrokerError).brokerCode).toBe("unknown_symbol");
  });

  test("quoted in the account's currency: valued exactly, orders allowed (USD account: EURUSD, XAUUSD, NAS100, NOKUSD)", () => {
    for (const [ticker, value] of [["EURUSD", 100_000], ["GOLD", 100], ["NAS100", 1], ["NOKUSD", 100_000]] as const) {
      const i = resolveMtInstrument(ticker, "USD");
      expect(i.valuePerPoint).toBe(value);
      expect(accountValueProblem(i)).toBeUndefined();
    }
    // A JPY account: a USDJPY lot moves JPY 100,000 per 1.0; a GBP account trades EURGBP.
    expect(resolveMtInstrument("USDJPY", "JPY")).toMatchObject({ valuePerPoint: 100_000 });
    expect(accountValueProblem(resolveMtInstrument("USDJPY", "jpy"))).toBeUndefined();
    expect(accountValueProblem(resolveMtInstrument("EURGBP", "GBP"))).toBeUndefined();
  });

  test("quoted in another currency: the EA sends no rate, so the instrument is marked with the reason (it still resolves, to close or trade a fixed qty)", () => {
    const usdjpy = resolveMtInstrument("USDJPY", "USD");
    expect(accountValueProblem(usdjpy)).toMatch(/^USDJPY is quoted in JPY and this MetaTrader account is in USD, and the EA sends Unify no JPY\/USD rate/);
    expect(usdjpy.valuePerPoint).toBeCloseTo(100_000 / 150, 6);
    expect(accountValueProblem(resolveMtInstrument("EURUSD", "EUR"))).toMatch(/quoted in USD and this MetaTrader account is in EUR/);
    expect(accountValueProblem(resolveMtInstrument("XAUUSD", "USC"))).toMatch(/account is in USC/);
    expect(accountValueProblem(resolveMtInstrument("NOKUSD", "EUR"))).toMatch(/quoted in USD/);
    expect(() => resolveMtInstrument("EURGBP", "USD")).toThrow(/quoted in GBP/);
  });
});
