import { z } from "zod";
import { BROKER_IDS } from "@/brokers/types";
import { brokerParam } from "@/lib/accounts/schemas";
import { rangeEnd, rangeStart } from "./date-range";

const dateOnly = z.iso.date();
const dateTime = z.iso.datetime({ offset: true });

// `?from=&to=` (empty values) reads as "not given", as browsers send empty form fields.
const blankAsMissing = (v: unknown) => (v === "" ? undefined : v);

/** An ISO date (a whole UTC day) or an ISO date-time with Z or an offset. */
export const isoDateOrDateTime = z
  .string()
  .trim()
  .refine((s) => dateOnly.safeParse(s).success || dateTime.safeParse(s).success, {
    message: "must be an ISO date (2025-01-31) or date-time (2025-01-31T14:30:00Z)",
  });

const rangeFields = {
  from: z.preprocess(blankAsMissing, isoDateOrDateTime.optional()),
  to: z.preprocess(blankAsMissing, isoDateOrDateTime.optional()),
};

function fromNotAfterTo(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && rangeStart(q.from) >= rangeEnd(q.to)) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
  }
}

/** GET /analytics/summary and /exports/trades.csv: closed trades in [from, to], optionally of one broker. */
export const analyticsRangeQuery = z
  .strictObject({ ...rangeFields, broker: z.preprocess(blankAsMissing, brokerParam.optional()) })
  .superRefine(fromNotAfterTo);
export type AnalyticsRangeQuery = z.infer<typeof analyticsRangeQuery>;

/** GET /analytics/equity: the equity curve over [from, to]. */
export const equityQuery = z.strictObject(rangeFields).superRefine(fromNotAfterTo);
export type EquityQuery = z.infer<typeof equityQuery>;

/** GET /analytics/drawdown: one UTC day (default today). */
export const drawdownQuery = z.strictObject({
  day: z.preprocess(blankAsMissing, z.iso.date({ message: "must be a date, YYYY-MM-DD" }).optional()),
});
export type DrawdownQuery = z.infer<typeof drawdownQuery>;

const tradeStatsView = z.object({
  trades: z.number().int(),
  win_rate: z.number().nullable().describe("Fraction 0..1 of trades with a positive P&L; null without trades."),
  net_pnl: z.number(),
  profit_factor: z
    .number()
    .nullable()
    .describe("Gross profit ÷ gross loss; null when there is no loss (∞ when net_pnl > 0) or no decisive trade."),
});

/** The answer of GET /analytics/summary. */
export const summaryView = tradeStatsView.extend({
  expectancy: z.number().nullable().describe("Mean P&L per trade."),
  sharpe: z.number().nullable().describe("Annualised (√252) Sharpe ratio of daily equity returns on trading days (a weekend counts in Monday's return); null under 2 returns or zero variance."),
  max_drawdown: z.number().describe("Largest fall from a running equity peak, in money (≥ 0)."),
  max_drawdown_pct: z.number().describe("Largest fall from a running peak, in percent of that peak."),
  currency: z.string().nullable().describe("The accounts' currency; null when they differ (sums then mix currencies)."),
  by_broker: z.partialRecord(z.enum(BROKER_IDS), tradeStatsView),
  by_tag: z.record(z.string(), tradeStatsView).describe('Per strategy tag; untagged trades under "(none)".'),
});
export type SummaryView = z.infer<typeof summaryView>;

export const equityPointView = z.object({ t: z.string(), equity: z.number(), balance: z.number() });
/** The answer of GET /analytics/equity. */
export const equityView = z.object({ points: z.array(equityPointView) });
export type EquityView = z.infer<typeof equityView>;

/** The answer of GET /analytics/drawdown. */
export const drawdownView = z.object({
  points: z.array(z.object({ t: z.string(), drawdown: z.number(), drawdown_pct: z.number() })),
});
export type DrawdownView = z.infer<typeof drawdownView>;

/** The answer of GET /analytics/exposure. */
export const exposureView = z.object({
  items: z.array(z.object({ symbol: z.string(), broker: z.string(), notional: z.number(), unrealized_pnl: z.number() })),
});
export type ExposureView = z.infer<typeof exposureView>;

/** GET /analytics/exposure takes no parameters; an unknown one is a client mistake worth a 400. */
export const exposureQuery = z.strictObject({});
