import { describe, expect, test } from "vitest";
import { DEFAULT_RISK_SETTINGS } from "@/lib/risk/schemas";
import { addInstrument, apiFieldErrors, parseConfigForm, parseRiskForm, toConfigForm, toRiskForm } from "./form-values";

const CONFIG = { lot_size_mode: "fixed", fixed_lot_size: 1, risk_pct: 1, sl_percentage: null, tp_percentage: null, risk_reward_ratio: null, use_trailing_sl: false, trailing_pct: null } as const;

describe("risk form", () => {
  test("round-trips the API's settings unchanged", () => {
    expect(parseRiskForm(toRiskForm(DEFAULT_RISK_SETTINGS))).toEqual({ ok: true, body: DEFAULT_RISK_SETTINGS });
  });

  test("empty limits mean no limit; typed limits become numbers", () => {
    const form = { ...toRiskForm(DEFAULT_RISK_SETTINGS), max_daily_loss_usd: " 500 ", max_open_trades: "3", max_daily_loss_pct: "" };
    const r = parseRiskForm(form);
    expect(r.ok && r.body).toMatchObject({ max_daily_loss_usd: 500, max_open_trades: 3, max_daily_loss_pct: null });
  });

  test("errors are keyed by the schema's field paths", () => {
    const base = toRiskForm(DEFAULT_RISK_SETTINGS);
    const r = parseRiskForm({
      ...base,
      max_daily_loss_pct: "150",
      max_open_trades: "2.5",
      max_trades_per_day: "lots",
      trading_hours: { ...base.trading_hours, enabled: true, start: "10:00", end: "10:00", days: [] },
      news_lockout: { ...base.news_lockout, minutes_before: "" },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      max_daily_loss_pct: "must be at most 100",
      max_open_trades: "must be a whole number",
      max_trades_per_day: "must be a number",
      "trading_hours.end": expect.stringContaining("must differ from start"),
      "trading_hours.days": expect.stringContaining("at least one day"),
      "news_lockout.minutes_before": "must be a number",
    });
  });

  test("days are sent in order whatever order they were ticked in", () => {
    const base = toRiskForm(DEFAULT_RISK_SETTINGS);
    const r = parseRiskForm({ ...base, trading_hours: { ...base.trading_hours, days: [5, 1, 3] } });
    expect(r.ok && r.body.trading_hours.days).toEqual([1, 3, 5]);
  });

  test("denied instruments are upper-cased and never duplicated", () => {
    expect(addInstrument(["EURUSD"], " eurusd ")).toEqual(["EURUSD"]);
    expect(addInstrument(["EURUSD"], "nq1!")).toEqual(["EURUSD", "NQ1!"]);
    expect(addInstrument([], "  ")).toEqual([]);
    const r = parseRiskForm({ ...toRiskForm(DEFAULT_RISK_SETTINGS), denied_instruments: ["EURUSD", "BAD$SYM"] });
    expect(!r.ok && r.errors["denied_instruments.1"]).toContain("letters, digits");
  });
});

describe("trading config form", () => {
  test("round-trips the defaults", () => {
    expect(parseConfigForm(toConfigForm(CONFIG))).toEqual({ ok: true, body: CONFIG });
  });

  test("amounts must be positive numbers; a trailing stop needs its percentage", () => {
    const bad = parseConfigForm({ ...toConfigForm(CONFIG), fixed_lot_size: "0", tp_percentage: "abc" });
    expect(bad).toEqual({ ok: false, errors: { fixed_lot_size: "must be greater than 0", tp_percentage: "must be a number" } });
    const trailing = parseConfigForm({ ...toConfigForm(CONFIG), use_trailing_sl: true });
    expect(trailing).toEqual({ ok: false, errors: { trailing_pct: "is required when use_trailing_sl is on" } });
  });

  test("server errors map to the same keys", () => {
    expect(apiFieldErrors([{ path: "risk_pct", message: "a" }, { path: "risk_pct", message: "b" }])).toEqual({ risk_pct: "a" });
  });
});
