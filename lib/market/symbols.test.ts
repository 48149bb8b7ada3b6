import { describe, expect, test } from "vitest";
import { canonicalSymbol, frontMonth, parseTicker, QUARTERLY, thirdFriday } from "./symbols";

describe("parseTicker", () => {
  test("plain FX with and without an exchange prefix", () => {
    expect(parseTicker("EURUSD")).toEqual({ kind: "plain", symbol: "EURUSD", exchange: undefined });
    expect(parseTicker("oanda:eur/usd")).toEqual({ kind: "plain", symbol: "EURUSD", exchange: "OANDA" });
  });
  test("continuous futures", () => {
    expect(parseTicker("CME_MINI:NQ1!")).toEqual({ kind: "continuous", root: "NQ", nth: 1, exchange: "CME_MINI" });
    expect(parseTicker("MNQ2!")).toMatchObject({ kind: "continuous", root: "MNQ", nth: 2 });
  });
  test("dated contracts in one-, two- and four-digit years", () => {
    expect(parseTicker("MNQZ5")).toMatchObject({ kind: "dated", root: "MNQ", month: 12, year: 2025 });
    expect(parseTicker("MNQZ25")).toMatchObject({ kind: "dated", root: "MNQ", month: 12, year: 2025 });
    expect(parseTicker("ESH2026")).toMatchObject({ kind: "dated", root: "ES", month: 3, year: 2026 });
  });
  test("canonical symbol drops exchange and contract month", () => {
    expect(canonicalSymbol("CME_MINI:MNQ1!")).toBe("MNQ");
    expect(canonicalSymbol("MNQZ5")).toBe("MNQ");
    expect(canonicalSymbol("FX:GBPUSD")).toBe("GBPUSD");
  });
});

describe("frontMonth", () => {
  test("third Friday", () => {
    expect(thirdFriday(2025, 12).toISOString().slice(0, 10)).toBe("2025-12-19");
    expect(thirdFriday(2026, 3).toISOString().slice(0, 10)).toBe("2026-03-20");
  });
  test("quarterly cycle rolls eight days before expiry", () => {
    expect(frontMonth(QUARTERLY, new Date("2025-11-24T00:00:00Z")).code).toBe("Z5");
    expect(frontMonth(QUARTERLY, new Date("2025-12-12T00:00:00Z")).code).toBe("H6");
    expect(frontMonth(QUARTERLY, new Date("2025-11-24T00:00:00Z"), 2).code).toBe("H6");
  });
});
