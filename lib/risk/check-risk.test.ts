import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { intentSchema, type Intent } from "@/lib/intake/schemas";
import { checkRisk } from "./check-risk";
import { checkMaxTradesPerDay } from "./trade-limits";
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from "./schemas";
import type { DayStats, RiskInput } from "./types";

const NOW = new Date("2026-03-10T14:00:00Z");
const STATS: DayStats = { tradesToday: 0, realizedPnlToday: 0, startEquity: 10_000, openTrades: 0, openSymbols: [] };
const entry = (symbol = "EURUSD"): Intent => intentSchema.parse({ side: "buy", symbol, qty: 1 });

function input(settings: Partial<RiskSettings>, stats: Partial<DayStats> = {}, intent: Intent = entry()): RiskInput {
  return { intent, settings: { ...DEFAULT_RISK_SETTINGS, ...settings }, stats: { ...STATS, ...stats }, now: NOW, calendar: [] };
}

const limit = fc.option(fc.integer({ min: 0, max: 20 }), { nil: null });
const countStat = fc.integer({ min: 0, max: 30 });
const symbols = fc.constantFrom("EURUSD", "OANDA:EURUSD", "gbpusd", "MNQ1!", "MNQZ5", "XAUUSD", "BTCUSD", "ES");

describe("checkRisk — properties", () => {
  test("max_open_trades blocks an entry iff open trades ≥ the limit", () => {
    fc.assert(
      fc.property(limit, countStat, (max, open) => {
        const r = checkRisk(input({ max_open_trades: max }, { openTrades: open }));
        expect(!r.ok && r.rule === "max_open_trades").toBe(max !== null && open >= max);
      }),
    );
  });

  test("max_trades_per_day blocks iff today's trades ≥ the limit", () => {
    fc.assert(
      fc.property(limit, countStat, (max, trades) => {
        const r = checkRisk(input({ max_trades_per_day: max }, { tradesToday: trades }));
        expect(r.ok).toBe(max === null || trades < max);
      }),
    );
  });

  test("max_daily_loss_usd and _pct block iff the realised loss reaches them", () => {
    const pnl = fc.integer({ min: -2_000, max: 2_000 });
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: null }), fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }), pnl, (usd, pct, p) => {
        const r = checkRisk(input({ max_daily_loss_usd: usd, max_daily_loss_pct: pct }, { realizedPnlToday: p }));
        const loss = Math.max(0, -p);
        const blockedUsd = usd !== null && loss >= usd;
        const blockedPct = pct !== null && loss >= (pct / 100) * STATS.startEquity;
        expect(r.ok).toBe(!blockedUsd && !blockedPct);
        if (!r.ok) expect(r.rule).toBe(blockedUsd ? "max_daily_loss_usd" : "max_daily_loss_pct");
      }),
    );
  });

  test("max_concurrent_positions blocks iff the symbol is new and the distinct open symbols are at the limit", () => {
    fc.assert(
      fc.property(limit, fc.array(symbols, { maxLength: 8 }), symbols, (max, open, symbol) => {
        const r = checkRisk(input({ max_concurrent_positions: max }, { openSymbols: open }, entry(symbol)));
        const canon = (s: string) => s.toUpperCase().replace(/^.*:/, "").replace(/(1!|Z5)$/, "");
        const distinct = new Set(open.map(canon));
        expect(r.ok).toBe(max === null || distinct.has(canon(symbol)) || distinct.size < max);
      }),
    );
  });

  test("exits, exit_all and cancels are never blocked; nothing is blocked while risk is off", () => {
    const strictest: Partial<RiskSettings> = {
      max_daily_loss_usd: 1, max_daily_loss_pct: 1, max_trades_per_day: 0, max_open_trades: 0, max_concurrent_positions: 0,
      denied_instruments: ["EURUSD", "MNQ", "XAUUSD", "GBPUSD", "BTCUSD", "ES"],
      trading_hours: { enabled: true, start: "00:00", end: "00:01", timezone: "UTC", days: [] },
      news_lockout: { enabled: true, minutes_before: 1440, minutes_after: 1440, min_impact: "low" },
    };
    const reducing = fc.constantFrom(
      intentSchema.parse({ action: "exit", symbol: "EURUSD" }),
      intentSchema.parse({ action: "exit", symbol: "MNQ1!", qty: 1 }),
      intentSchema.parse({ action: "exit_all" }),
      intentSchema.parse({ action: "cancel", symbol: "XAUUSD" }),
    );
    fc.assert(
      fc.property(reducing, symbols, fc.integer({ min: -1e6, max: 0 }), (intent, symbol, pnl) => {
        const calendar = [{ at: NOW, currency: "USD", impact: "high" as const, title: "CPI" }];
        expect(checkRisk({ ...input(strictest, { realizedPnlToday: pnl, openTrades: 99 }, intent), calendar })).toEqual({ ok: true });
        const off = input({ ...strictest, enabled: false }, { realizedPnlToday: pnl, openTrades: 99 }, entry(symbol));
        expect(checkRisk({ ...off, calendar })).toEqual({ ok: true });
      }),
    );
  });
});

describe("checkRisk — examples and reasons", () => {
  test("open trades", () => {
    expect(checkRisk(input({ max_open_trades: 3 }, { openTrades: 3 }))).toEqual({
      ok: false, rule: "max_open_trades", reason: "3 of 3 open trades allowed (positions and pending orders); close one first.",
    });
  });

  test("a reverse of an open symbol swaps one trade for another and passes at the limit", () => {
    const reverse = intentSchema.parse({ action: "reverse", side: "sell", symbol: "OANDA:EURUSD" });
    expect(checkRisk(input({ max_open_trades: 2 }, { openTrades: 2, openSymbols: ["EURUSD", "MNQ"] }, reverse))).toEqual({ ok: true });
    expect(checkRisk(input({ max_open_trades: 2 }, { openTrades: 2, openSymbols: ["MNQ"] }, reverse)).ok).toBe(false);
  });

  test("daily loss in money and in percent", () => {
    expect(checkRisk(input({ max_daily_loss_usd: 500 }, { realizedPnlToday: -512.3 }))).toEqual({
      ok: false, rule: "max_daily_loss_usd",
      reason: "Today's realised loss of 512.30 has reached your daily limit of 500.00; new entries resume next trading day.",
    });
    expect(checkRisk(input({ max_daily_loss_pct: 5 }, { realizedPnlToday: -500 }))).toMatchObject({ ok: false, rule: "max_daily_loss_pct", reason: expect.stringContaining("is 5% of the day's starting equity") });
    expect(checkRisk(input({ max_daily_loss_pct: 5 }, { realizedPnlToday: -499.99 }))).toEqual({ ok: true });
    expect(checkRisk(input({ max_daily_loss_pct: 5 }, { startEquity: 0 }))).toMatchObject({ ok: false, reason: expect.stringContaining("starting equity is unknown") });
    // The limit is shown as saved (3 decimals), not rounded to one the loss has not reached.
    expect(checkRisk(input({ max_daily_loss_pct: 1.005 }, { realizedPnlToday: -100.6 }))).toMatchObject({
      ok: false, reason: expect.stringContaining("is 1.006% of the day's starting equity (10,000.00), reaching your 1.005% daily limit"),
    });
  });

  test("trades per day names the day boundary", () => {
    const tz = { ...DEFAULT_RISK_SETTINGS.trading_hours, timezone: "America/New_York" };
    expect(checkRisk(input({ max_trades_per_day: 10, trading_hours: tz }, { tradesToday: 10 }))).toEqual({
      ok: false, rule: "max_trades_per_day", reason: "10 of 10 trades allowed today are used; the count resets at midnight America/New_York.",
    });
    // An overnight window keeps its session's day: the count turns when the window closes.
    const overnight = { ...tz, enabled: true, start: "22:00", end: "02:00", days: [0, 1, 2, 3, 4, 5, 6] };
    const base = input({ max_trades_per_day: 10, trading_hours: overnight }, { tradesToday: 10 });
    expect(checkMaxTradesPerDay(base)?.reason).toBe("10 of 10 trades allowed today are used; the count resets at 02:00 America/New_York.");
  });

  test("concurrent positions list what is held", () => {
    const r = checkRisk(input({ max_concurrent_positions: 2 }, { openSymbols: ["MNQZ5", "XAUUSD", "MNQ1!"] }, entry("GBPUSD")));
    expect(r).toEqual({ ok: false, rule: "max_concurrent_positions", reason: "Positions are open in 2 of 2 allowed symbols (MNQ, XAUUSD); close one before opening GBPUSD." });
    expect(checkRisk(input({ max_concurrent_positions: 2 }, { openSymbols: ["MNQZ5", "XAUUSD"] }, entry("CME_MINI:MNQ1!")))).toEqual({ ok: true });
  });

  test("denied instruments compare canonical symbols, case-insensitively", () => {
    expect(checkRisk(input({ denied_instruments: ["eurusd"] }, {}, entry("OANDA:EURUSD")))).toEqual({
      ok: false, rule: "denied_instruments", reason: "EURUSD is on your denied instruments list; remove it there to trade it.",
    });
    expect(checkRisk(input({ denied_instruments: ["NQ"] }, {}, entry("NQ1!"))).ok).toBe(false);
    expect(checkRisk(input({ denied_instruments: ["NQ"] }, {}, entry("MNQ1!"))).ok).toBe(true);
  });

  test("denied instruments and concurrent positions know the catalog's other names for an instrument", () => {
    expect(checkRisk(input({ denied_instruments: ["GOLD"] }, {}, entry("OANDA:XAUUSD")))).toMatchObject({ ok: false, rule: "denied_instruments" });
    expect(checkRisk(input({ denied_instruments: ["US100"] }, {}, entry("NAS100")))).toMatchObject({ ok: false, rule: "denied_instruments" });
    expect(checkRisk(input({ denied_instruments: ["NAS100"] }, {}, entry("USTEC")))).toMatchObject({ ok: false, rule: "denied_instruments" });
    expect(checkRisk(input({ denied_instruments: ["SPX"] }, {}, entry("SPX500")))).toMatchObject({ ok: false, rule: "denied_instruments" });
    expect(checkRisk(input({ denied_instruments: ["GOLD"] }, {}, entry("XAGUSD"))).ok).toBe(true);
    // Holding gold under a broker's name: adding to it is not a new symbol.
    expect(checkRisk(input({ max_concurrent_positions: 1 }, { openSymbols: ["GOLD"] }, entry("XAUUSD")))).toEqual({ ok: true });
    expect(checkRisk(input({ max_concurrent_positions: 1 }, { openSymbols: ["GOLD"] }, entry("EURUSD"))).ok).toBe(false);
  });

  test("the standing rules are reported before the daily ones", () => {
    const r = checkRisk(input({ denied_instruments: ["EURUSD"], max_open_trades: 0 }));
    expect(!r.ok && r.rule).toBe("denied_instruments");
  });
});
