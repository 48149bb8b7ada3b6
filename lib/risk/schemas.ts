import { z } from "zod";
import { isTimeZone } from "./zoned-clock";

export const IMPACTS = ["low", "medium", "high"] as const;
export type Impact = (typeof IMPACTS)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
// Limits are stored as numeric(20, 2) (USD) and numeric(6, 3) (%): a value the column cannot
// hold would fail the save (500), and a positive value below its precision would be stored
// as 0 — a limit every entry has already reached. Both are the trader's input errors: 400.
const money = z
  .number({ message: "must be a number" })
  .min(0.01, { message: "must be at least 0.01" })
  .max(1_000_000_000_000, { message: "must be at most 1,000,000,000,000" })
  .nullable();
const percent = z
  .number({ message: "must be a number" })
  .min(0.001, { message: "must be at least 0.001" })
  .max(100, { message: "must be at most 100" })
  .nullable();
const count = z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(0).max(10_000).nullable();
const minutes = z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(0).max(1440);

/** The trading window: HH:MM in an IANA zone, days 0 = Sunday … 6 = Saturday; end < start runs overnight. */
export const tradingHoursSchema = z
  .strictObject({
    enabled: z.boolean(),
    start: z.string().regex(HH_MM, { message: "must be a time HH:MM (00:00 to 23:59)" }),
    // 24:00 lets a session run to the very end of the day; 23:59 would stop a minute early.
    end: z.string().refine((v) => HH_MM.test(v) || v === "24:00", { message: "must be a time HH:MM (00:00 to 24:00)" }),
    timezone: z.string().refine(isTimeZone, { message: "must be an IANA time zone such as America/New_York" }),
    days: z
      .array(z.number().int().min(0, { message: "must be 0 (Sunday) to 6 (Saturday)" }).max(6, { message: "must be 0 (Sunday) to 6 (Saturday)" }))
      .max(7)
      .refine((d) => new Set(d).size === d.length, { message: "must not repeat a day" }),
  })
  .superRefine((v, ctx) => {
    if (v.start === v.end) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "must differ from start (use 00:00 to 24:00 for the whole day)" });
    }
    if (v.enabled && v.days.length === 0) ctx.addIssue({ code: "custom", path: ["days"], message: "needs at least one day when trading hours are on" });
  });
export type TradingHours = z.infer<typeof tradingHoursSchema>;

/** Pause around calendar events of at least `min_impact` for the instrument's currencies. */
export const newsLockoutSchema = z.strictObject({
  enabled: z.boolean(),
  minutes_before: minutes,
  minutes_after: minutes,
  min_impact: z.enum(IMPACTS),
});
export type NewsLockout = z.infer<typeof newsLockoutSchema>;

/**
 * Body of PUT /risk (and GET /risk's answer), with `?broker=` for a per-broker override.
 * The API, the OpenAPI document and the dashboard form all use this schema. null = no limit.
 */
export const putRiskBody = z.strictObject({
  enabled: z.boolean(),
  max_daily_loss_usd: money,
  max_daily_loss_pct: percent,
  max_trades_per_day: count,
  max_open_trades: count,
  max_concurrent_positions: count,
  denied_instruments: z
    .array(z.string().trim().min(1, { message: "must not be empty" }).max(40).regex(/^[A-Za-z0-9_:!./ -]+$/, { message: "may hold letters, digits and : ! . / _ - only" }))
    .max(500),
  trading_hours: tradingHoursSchema,
  news_lockout: newsLockoutSchema,
});
export type RiskSettings = z.infer<typeof putRiskBody>;

/** What a user has before saving anything: the column defaults of risk_settings. */
export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  enabled: true,
  max_daily_loss_usd: null,
  max_daily_loss_pct: null,
  max_trades_per_day: null,
  max_open_trades: null,
  max_concurrent_positions: null,
  denied_instruments: [],
  trading_hours: { enabled: false, start: "00:00", end: "23:59", timezone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
  news_lockout: { enabled: false, minutes_before: 15, minutes_after: 15, min_impact: "high" },
};
