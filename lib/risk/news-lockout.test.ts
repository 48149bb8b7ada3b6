import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { intentSchema } from "@/lib/intake/schemas";
import { checkRisk } from "./check-risk";
import { lockingEvent } from "./news-lockout";
import { DEFAULT_RISK_SETTINGS, IMPACTS, type NewsLockout } from "./schemas";
import { symbolCurrencies } from "./symbol-currencies";
import type { EconomicEvent } from "./types";

const NFP: EconomicEvent = { at: new Date("2026-01-09T13:30:00Z"), currency: "USD", impact: "high", title: "Non-Farm Payrolls" };
const lockout: NewsLockout = { enabled: true, minutes_before: 30, minutes_after: 15, min_impact: "high" };
const at = (iso: string) => new Date(iso);

describe("symbolCurrencies", () => {
  test.each([
    ["OANDA:EURUSD", ["EUR", "USD"]],
    ["usdjpy", ["USD", "JPY"]],
    ["EURUSD.r", ["EUR", "USD"]],
    ["MNQ1!", ["USD"]],
    ["ESH2026", ["USD"]],
    ["6E1!", ["EUR", "USD"]],
    ["XAUUSD", ["USD"]],
    ["BTCUSD", ["USD"]],
    ["BINANCE:BTCUSDT", ["USD"]],
    ["ETHEUR", ["EUR"]],
    ["GER40", ["EUR"]],
    ["UK100", ["GBP"]],
    ["AAPL", []],
    ["GOLD", ["USD"]],
    ["TVC:SILVER", ["USD"]],
    ["NDX", ["USD"]],
    ["SPX", ["USD"]],
  ])("%s → %j", (symbol, currencies) => {
    expect(symbolCurrencies(symbol)).toEqual(currencies);
  });
});

describe("news lockout", () => {
  test("locks from minutes_before to minutes_after, bounds included", () => {
    expect(lockingEvent("EURUSD", at("2026-01-09T13:00:00Z"), [NFP], lockout)).toBe(NFP);
    expect(lockingEvent("EURUSD", at("2026-01-09T13:45:00Z"), [NFP], lockout)).toBe(NFP);
    expect(lockingEvent("EURUSD", at("2026-01-09T12:59:59Z"), [NFP], lockout)).toBeNull();
    expect(lockingEvent("EURUSD", at("2026-01-09T13:45:01Z"), [NFP], lockout)).toBeNull();
  });

  test("only for the instrument's currencies and at or above the minimum impact", () => {
    expect(lockingEvent("EURGBP", at("2026-01-09T13:30:00Z"), [NFP], lockout)).toBeNull();
    expect(lockingEvent("MNQZ5", at("2026-01-09T13:30:00Z"), [NFP], lockout)).toBe(NFP);
    const medium = { ...NFP, impact: "medium" as const };
    expect(lockingEvent("EURUSD", NFP.at, [medium], lockout)).toBeNull();
    expect(lockingEvent("EURUSD", NFP.at, [medium], { ...lockout, min_impact: "medium" })).toBe(medium);
  });

  test("blocks iff some qualifying event's window holds now (property)", () => {
    const event = fc.record({
      offsetMin: fc.integer({ min: -180, max: 180 }),
      currency: fc.constantFrom("USD", "EUR", "JPY", "GBP", "usd"),
      impact: fc.constantFrom(...IMPACTS),
    });
    const rank = { low: 0, medium: 1, high: 2 };
    fc.assert(
      fc.property(fc.array(event, { maxLength: 6 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.constantFrom(...IMPACTS), (events, before, after, min) => {
        const now = NFP.at;
        const calendar = events.map((e) => ({ at: new Date(now.getTime() + e.offsetMin * 60_000), currency: e.currency, impact: e.impact, title: "x" }));
        const settings = { ...DEFAULT_RISK_SETTINGS, news_lockout: { enabled: true, minutes_before: before, minutes_after: after, min_impact: min } };
        const r = checkRisk({ intent: intentSchema.parse({ side: "sell", symbol: "EURUSD", qty: 1 }), settings, stats: { tradesToday: 0, realizedPnlToday: 0, startEquity: 1, openTrades: 0, openSymbols: [] }, now, calendar });
        // The event is offsetMin after now: now is inside [at − before, at + after] iff −after ≤ offset ≤ before.
        const expected = events.some((e) => rank[e.impact] >= rank[min] && ["USD", "EUR"].includes(e.currency.toUpperCase()) && e.offsetMin <= before && -e.offsetMin <= after);
        expect(!r.ok && r.rule === "news_lockout").toBe(expected);
      }),
    );
  });

  test("the reason names the event and the paused window", () => {
    const r = checkRisk({
      intent: intentSchema.parse({ side: "buy", symbol: "OANDA:EURUSD", qty: 1 }),
      settings: { ...DEFAULT_RISK_SETTINGS, news_lockout: lockout },
      stats: { tradesToday: 0, realizedPnlToday: 0, startEquity: 1, openTrades: 0, openSymbols: [] },
      now: at("2026-01-09T13:20:00Z"),
      calendar: [NFP],
    });
    expect(r).toEqual({ ok: false, rule: "news_lockout", reason: 'High-impact USD news "Non-Farm Payrolls" at 13:30 UTC: new entries are paused from 13:00 to 13:45 UTC.' });
  });
});
