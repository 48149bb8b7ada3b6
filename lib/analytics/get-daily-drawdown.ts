import { asUser } from "@/lib/db/as-user";
import { requireFeature } from "@/lib/plans/require-feature";
import type { SessionUser } from "@/lib/auth/authenticate";
import { rangeEnd, rangeStart, utcDay } from "./date-range";
import { drawdownSeries, thinDrawdownSeries } from "./drawdown-series";
import { loadAccountEquity } from "./load-equity";
import { roundMoney, roundRatio } from "./round";
import type { DrawdownQuery, DrawdownView } from "./schemas";
import { sumEquity } from "./sum-equity";

// One point per minute of the day is as fine as a chart can show.
const MAX_POINTS = 1_440;

/**
 * The caller's intraday drawdown for one UTC day (default today): total equity from the
 * day's opening value through every snapshot, measured against the running peak of the
 * day. Every snapshot is read, then thinned keeping the deepest points.
 */
export async function getDailyDrawdown(user: SessionUser, q: DrawdownQuery, now: Date = new Date()): Promise<DrawdownView> {
  requireFeature(user.plan, "advancedRiskViews");
  const day = q.day ?? utcDay(now);
  const range = { from: rangeStart(day), to: rangeEnd(day) };
  const { points, opening } = await asUser(user.claims, (tx) => loadAccountEquity(tx, user.id, range, { maxPoints: null }));
  const series = thinDrawdownSeries(drawdownSeries(sumEquity([...opening, ...points])), MAX_POINTS);
  return {
    points: series.map((p) => ({ t: new Date(p.t).toISOString(), drawdown: roundMoney(p.drawdown), drawdown_pct: roundRatio(p.drawdown_pct) })),
  };
}
