import { afterEach, describe, expect, test } from "vitest";
import { candidateNames, matchInstrumentName, normalizeName } from "./symbol-match";

const now = new Date(Date.UTC(2025, 9, 1));
const instruments = [{ name: "EURUSD.m" }, { name: "XAUUSD" }, { name: "NAS100" }, { name: "USDJPY" }, { name: "EURUSDX" }];

afterEach(() => {
  delete process.env.TRADELOCKER_SYMBOL_ALIASES;
});

describe("TradeLocker symbol resolution", () => {
  test("normalises broker suffixes and separators", () => {
    expect(normalizeName("EURUSD.m")).toBe("EURUSD");
    expect(normalizeName("EUR/USD")).toBe("EURUSD");
    expect(normalizeName("xauusd-pro")).toBe("XAUUSD");
  });

  test("plain and exchange-prefixed FX tickers find the pair", () => {
    expect(matchInstrumentName(instruments, candidateNames("EURUSD", now))?.name).toBe("EURUSD.m");
    expect(matchInstrumentName(instruments, candidateNames("OANDA:EURUSD", now))?.name).toBe("EURUSD.m");
    expect(matchInstrumentName(instruments, candidateNames("usdjpy", now))?.name).toBe("USDJPY");
  });

  test("index futures tickers map to the broker's CFD", () => {
    expect(candidateNames("NQ1!", now)).toContain("NAS100");
    expect(matchInstrumentName(instruments, candidateNames("NQ1!", now))?.name).toBe("NAS100");
    expect(matchInstrumentName(instruments, candidateNames("MNQZ5", now))?.name).toBe("NAS100");
    expect(matchInstrumentName(instruments, candidateNames("GC1!", now))?.name).toBe("XAUUSD");
  });

  test("operators can add aliases", () => {
    process.env.TRADELOCKER_SYMBOL_ALIASES = JSON.stringify({ BTCUSD: ["BTCUSDT"] });
    expect(candidateNames("BTCUSD", now)).toEqual(["BTCUSD", "BTCUSDT"]);
  });

  test("no match is undefined, never a neighbour", () => {
    expect(matchInstrumentName(instruments, candidateNames("GBPUSD", now))).toBeUndefined();
  });
});
