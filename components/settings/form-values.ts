/**
 * Form state ↔ API bodies for the settings forms. Inputs hold text; the bodies hold numbers
 * or null ("no limit"). Validation is the API's own zod schemas, so the browser and the
 * server reject the same things with the same words.
 */
import type { z } from "zod";
import { putRiskBody, type Impact, type RiskSettings } from "@/lib/risk/schemas";
import { putTradingConfigBody, type PutTradingConfigBody, type TradingConfig } from "@/lib/sizing/schemas";
import type { QTY_MODES } from "@/lib/intake/schemas";

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

export type RiskForm = {
  enabled: boolean;
  max_daily_loss_usd: string;
  max_daily_loss_pct: string;
  max_trades_per_day: string;
  max_open_trades: string;
  max_concurrent_positions: string;
  denied_instruments: string[];
  trading_hours: { enabled: boolean; start: string; end: string; timezone: string; days: number[] };
  news_lockout: { enabled: boolean; minutes_before: string; minutes_after: string; min_impact: Impact };
};

export type ConfigForm = {
  lot_size_mode: (typeof QTY_MODES)[number];
  fixed_lot_size: string;
  risk_pct: string;
  sl_percentage: string;
  tp_percentage: string;
  risk_reward_ratio: string;
  use_trailing_sl: boolean;
  trailing_pct: string;
};

const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
/** "" → null (no limit); anything else → a number, NaN included, so the schema names the field. */
const nullable = (s: string) => (s.trim() === "" ? null : Number(s.trim()));
const required = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.trim()));

/** First message per field path ("trading_hours.end", "denied_instruments.2"). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    out[path] ??= issue.message;
  }
  return out;
}

/** Server-side errors ({path, message}) in the same shape. */
export function apiFieldErrors(errors: { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) out[e.path] ??= e.message;
  return out;
}

/** The form state for saved risk settings (null limits become empty inputs). */
export function toRiskForm(s: RiskSettings): RiskForm {
  return {
    enabled: s.enabled,
    max_daily_loss_usd: text(s.max_daily_loss_usd),
    max_daily_loss_pct: text(s.max_daily_loss_pct),
    max_trades_per_day: text(s.max_trades_per_day),
    max_open_trades: text(s.max_open_trades),
    max_concurrent_positions: text(s.max_concurrent_positions),
    denied_instruments: [...s.denied_instruments],
    trading_hours: { ...s.trading_hours, days: [...s.trading_hours.days] },
    news_lockout: { ...s.news_lockout, minutes_before: text(s.news_lockout.minutes_before), minutes_after: text(s.news_lockout.minutes_after) },
  };
}

/** The PUT /risk body for a form, validated by putRiskBody. */
export function parseRiskForm(f: RiskForm): Parsed<RiskSettings> {
  const candidate = {
    enabled: f.enabled,
    max_daily_loss_usd: nullable(f.max_daily_loss_usd),
    max_daily_loss_pct: nullable(f.max_daily_loss_pct),
    max_trades_per_day: nullable(f.max_trades_per_day),
    max_open_trades: nullable(f.max_open_trades),
    max_concurrent_positions: nullable(f.max_concurrent_positions),
    denied_instruments: f.denied_instruments,
    trading_hours: { ...f.trading_hours, days: [...f.trading_hours.days].sort((a, b) => a - b) },
    news_lockout: { ...f.news_lockout, minutes_before: required(f.news_lockout.minutes_before), minutes_after: required(f.news_lockout.minutes_after) },
  };
  const r = putRiskBody.safeParse(candidate);
  return r.success ? { ok: true, body: r.data } : { ok: false, errors: fieldErrors(r.error) };
}

/** The form state for a saved trading config. */
export function toConfigForm(c: TradingConfig): ConfigForm {
  return {
    lot_size_mode: c.lot_size_mode ?? "fixed",
    fixed_lot_size: text(c.fixed_lot_size),
    risk_pct: text(c.risk_pct),
    sl_percentage: text(c.sl_percentage),
    tp_percentage: text(c.tp_percentage),
    risk_reward_ratio: text(c.risk_reward_ratio),
    use_trailing_sl: c.use_trailing_sl ?? false,
    trailing_pct: text(c.trailing_pct),
  };
}

/** The PUT /trading-config body for a form, validated by putTradingConfigBody. */
export function parseConfigForm(f: ConfigForm): Parsed<PutTradingConfigBody> {
  const candidate = {
    lot_size_mode: f.lot_size_mode,
    fixed_lot_size: required(f.fixed_lot_size),
    risk_pct: required(f.risk_pct),
    sl_percentage: nullable(f.sl_percentage),
    tp_percentage: nullable(f.tp_percentage),
    risk_reward_ratio: nullable(f.risk_reward_ratio),
    use_trailing_sl: f.use_trailing_sl,
    trailing_pct: nullable(f.trailing_pct),
  };
  const r = putTradingConfigBody.safeParse(candidate);
  return r.success ? { ok: true, body: r.data } : { ok: false, errors: fieldErrors(r.error) };
}

/** Adds a symbol to the denied list (upper-cased, trimmed, no duplicates whatever the case). */
export function addInstrument(list: string[], raw: string): string[] {
  const symbol = raw.trim().toUpperCase();
  if (!symbol || list.some((s) => s.toUpperCase() === symbol)) return list;
  return [...list, symbol];
}
