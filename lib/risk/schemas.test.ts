import { describe, expect, test } from "vitest";
import { putTradingConfigBody } from "@/lib/sizing/schemas";
import { resolveRiskSettings } from "./resolve-risk-settings";
import { DEFAULT_RISK_SETTINGS, putRiskBody } from "./schemas";

const valid = {
  ...DEFAULT_RISK_SETTINGS,
  max_open_trades: 3,
  denied_instruments: ["OANDA:EURUSD"],
  trading_hours: { enabled: true, start: "09:30", end: "16:00", timezone: "America/New_York", days: [1, 2, 3, 4, 5] },
};
const paths = (body: unknown) => {
  const r = putRiskBody.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("putRiskBody", () => {
  test("accepts the documented shape and the defaults", () => {
    expect(putRiskBody.parse(valid)).toEqual(valid);
    expect(putRiskBody.parse(DEFAULT_RISK_SETTINGS)).toEqual(DEFAULT_RISK_SETTINGS);
  });

  test("rejects unknown time zones, bad times, repeated or out-of-range days", () => {
    const th = valid.trading_hours;
    expect(paths({ ...valid, trading_hours: { ...th, timezone: "Mars/Olympus" } })).toEqual(["trading_hours.timezone"]);
    expect(paths({ ...valid, trading_hours: { ...th, timezone: "" } })).toEqual(["trading_hours.timezone"]);
    expect(paths({ ...valid, trading_hours: { ...th, start: "9:30" } })).toEqual(["trading_hours.start"]);
    expect(paths({ ...valid, trading_hours: { ...th, end: "24:01" } })).toEqual(["trading_hours.end"]);
    expect(paths({ ...valid, trading_hours: { ...th, end: "09:30" } })).toEqual(["trading_hours.end"]);
    expect(paths({ ...valid, trading_hours: { ...th, days: [1, 1] } })).toEqual(["trading_hours.days"]);
    expect(paths({ ...valid, trading_hours: { ...th, days: [7] } })).toEqual(["trading_hours.days.0"]);
    expect(paths({ ...valid, trading_hours: { ...th, days: [] } })).toEqual(["trading_hours.days"]);
    expect(paths({ ...valid, trading_hours: { ...th, end: "24:00" } })).toEqual([]);
  });

  test("rejects negative or fractional limits and unknown fields; null means no limit", () => {
    expect(paths({ ...valid, max_open_trades: -1, max_trades_per_day: 1.5, max_daily_loss_pct: 120, extra: true })).toEqual(
      expect.arrayContaining(["max_open_trades", "max_trades_per_day", "max_daily_loss_pct", ""]),
    );
    expect(paths({ ...valid, max_daily_loss_usd: null })).toEqual([]);
  });

  test("rejects daily loss limits the columns cannot hold: overflow, or positive but stored as 0", () => {
    expect(paths({ ...valid, max_daily_loss_usd: 1e18 })).toEqual(["max_daily_loss_usd"]);
    expect(paths({ ...valid, max_daily_loss_usd: 0.001 })).toEqual(["max_daily_loss_usd"]);
    expect(paths({ ...valid, max_daily_loss_pct: 0.0004 })).toEqual(["max_daily_loss_pct"]);
    expect(paths({ ...valid, max_daily_loss_usd: 0, max_daily_loss_pct: 0 })).toEqual(["max_daily_loss_usd", "max_daily_loss_pct"]);
    expect(paths({ ...valid, max_daily_loss_usd: 0.01, max_daily_loss_pct: 0.001 })).toEqual([]);
    expect(paths({ ...valid, max_daily_loss_usd: 1e12, max_daily_loss_pct: 100 })).toEqual([]);
  });
});

describe("resolveRiskSettings", () => {
  test("an override wins field by field; null in the override lifts a limit; groups replace whole", () => {
    const defaults = { ...valid, max_trades_per_day: 10, denied_instruments: ["XAUUSD"] };
    const merged = resolveRiskSettings(defaults, { max_open_trades: null, denied_instruments: ["CL"], news_lockout: { ...defaults.news_lockout, enabled: true } });
    expect(merged).toEqual({ ...defaults, max_open_trades: null, denied_instruments: ["CL"], news_lockout: { ...defaults.news_lockout, enabled: true } });
    expect(resolveRiskSettings(defaults, null)).toBe(defaults);
    expect(resolveRiskSettings(defaults, {})).toEqual(defaults);
  });
});

describe("putTradingConfigBody", () => {
  const config = { lot_size_mode: "risk_pct", fixed_lot_size: 1, risk_pct: 1, sl_percentage: 0.5, tp_percentage: null, risk_reward_ratio: 2, use_trailing_sl: false, trailing_pct: null };
  test("accepts a full config and rejects a trailing stop without its percentage", () => {
    expect(putTradingConfigBody.safeParse(config).success).toBe(true);
    const r = putTradingConfigBody.safeParse({ ...config, use_trailing_sl: true });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["trailing_pct"]);
    expect(putTradingConfigBody.safeParse({ ...config, lot_size_mode: "contracts" }).success).toBe(false);
    expect(putTradingConfigBody.safeParse({ ...config, risk_pct: 0 }).success).toBe(false);
  });
});
