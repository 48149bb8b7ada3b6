import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { intentSchema } from "@/lib/intake/schemas";
import { checkRisk } from "./check-risk";
import { DEFAULT_RISK_SETTINGS, type TradingHours } from "./schemas";
import { describeDays, isWithinTradingHours } from "./trading-hours";
import { tradingDay, zonedClock } from "./zoned-clock";

// Zones without daylight saving, so an independent oracle can shift UTC by a fixed offset.
// (Etc/GMT+5 is UTC−5: the POSIX sign is inverted.)
const FIXED_ZONES: [string, number][] = [
  ["UTC", 0], ["Etc/GMT+5", -300], ["Etc/GMT-9", 540], ["Asia/Kolkata", 330], ["Asia/Kathmandu", 345], ["Etc/GMT+12", -720], ["Etc/GMT-14", 840],
];

const hhmm = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true });
const days = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 });

function oracle(hours: TradingHours, now: Date, offsetMinutes: number): boolean {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const day = local.getUTCDay();
  const t = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 + local.getUTCMilliseconds() / 60_000;
  const [sh, sm] = hours.start.split(":").map(Number);
  const [eh, em] = hours.end.split(":").map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (start < end) return hours.days.includes(day) && t >= start && t < end;
  const yesterday = (day + 6) % 7;
  return (t >= start && hours.days.includes(day)) || (t < end && hours.days.includes(yesterday));
}

describe("trading hours", () => {
  test("agree with a fixed-offset oracle for random instants, windows (overnight too), days and zones", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...FIXED_ZONES), hhmm, hhmm, days, (now, [timezone, offset], start, end, d) => {
        fc.pre(start !== end);
        const hours: TradingHours = { enabled: true, start, end, timezone, days: d };
        expect(isWithinTradingHours(hours, now)).toBe(oracle(hours, now, offset));
      }),
      { numRuns: 2_000 },
    );
  });

  test("the zoned clock agrees with the oracle's date and weekday", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...FIXED_ZONES), (now, [tz, offset]) => {
        const local = new Date(now.getTime() + offset * 60_000);
        expect(tradingDay(now, tz)).toBe(local.toISOString().slice(0, 10));
        expect(zonedClock(now, tz).weekday).toBe(local.getUTCDay());
      }),
    );
  });

  const nyse: TradingHours = { enabled: true, start: "09:30", end: "16:00", timezone: "America/New_York", days: [1, 2, 3, 4, 5] };

  test("New York hours follow daylight saving (starts 8 March 2026)", () => {
    expect(isWithinTradingHours(nyse, new Date("2026-03-06T14:35:00Z"))).toBe(true); // 09:35 EST
    expect(isWithinTradingHours(nyse, new Date("2026-03-09T13:35:00Z"))).toBe(true); // 09:35 EDT
    expect(isWithinTradingHours(nyse, new Date("2026-03-06T13:35:00Z"))).toBe(false); // 08:35 EST
    expect(isWithinTradingHours(nyse, new Date("2026-03-09T20:00:00Z"))).toBe(false); // 16:00 EDT: end is exclusive
  });

  test("an overnight window belongs to the day it opens on", () => {
    const night: TradingHours = { enabled: true, start: "22:00", end: "02:00", timezone: "Europe/London", days: [1, 2, 3, 4, 5] };
    expect(isWithinTradingHours(night, new Date("2026-01-09T23:00:00Z"))).toBe(true); // Fri 23:00
    expect(isWithinTradingHours(night, new Date("2026-01-10T01:30:00Z"))).toBe(true); // Sat 01:30, Friday's session
    expect(isWithinTradingHours(night, new Date("2026-01-10T23:00:00Z"))).toBe(false); // Sat 23:00
    expect(isWithinTradingHours(night, new Date("2026-01-12T01:00:00Z"))).toBe(false); // Mon 01:00, Sunday's session
    expect(isWithinTradingHours({ ...night, end: "24:00", start: "00:00" }, new Date("2026-01-12T23:59:59Z"))).toBe(true);
  });

  test("the block reason says when trading is allowed and what time it is there", () => {
    const r = checkRisk({
      intent: intentSchema.parse({ side: "buy", symbol: "MNQ1!", qty: 1 }),
      settings: { ...DEFAULT_RISK_SETTINGS, trading_hours: nyse },
      stats: { tradesToday: 0, realizedPnlToday: 0, startEquity: 1, openTrades: 0, openSymbols: [] },
      now: new Date("2026-03-14T14:15:00Z"),
      calendar: [],
    });
    expect(r).toEqual({
      ok: false, rule: "trading_hours",
      reason: "Trading is allowed Mon–Fri 09:30–16:00 (America/New_York); it is Sat 10:15 there now.",
    });
  });

  test("days are described compactly", () => {
    expect([describeDays([1, 2, 3, 4, 5]), describeDays([0, 6]), describeDays([0, 1, 2, 3, 4, 5, 6]), describeDays([0, 2, 3, 4])]).toEqual([
      "Mon–Fri", "Sun, Sat", "every day", "Sun, Tue–Thu",
    ]);
  });

  test("the trading day turns at local midnight", () => {
    const t = new Date("2026-01-10T03:00:00Z");
    expect([tradingDay(t, "UTC"), tradingDay(t, "America/New_York"), tradingDay(t, "Asia/Tokyo")]).toEqual(["2026-01-10", "2026-01-09", "2026-01-10"]);
  });

  test("with an overnight window the day turns when it closes: 22:00–02:00 keeps 01:30 on the day the session opened", () => {
    const at = (iso: string) => tradingDay(new Date(iso), "Europe/London", 120);
    expect(at("2026-01-09T22:30:00Z")).toBe("2026-01-09");
    expect(at("2026-01-10T01:30:00Z")).toBe("2026-01-09");
    expect(at("2026-01-10T02:00:00Z")).toBe("2026-01-10");
    // Across a month end and in the zone's own clock (New York 01:30 is 06:30 UTC in winter).
    expect(tradingDay(new Date("2026-03-01T06:30:00Z"), "America/New_York", 120)).toBe("2026-02-28");
  });
});
