import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { lastPerBucket } from "./bucket-series";
import { resolveRange } from "./date-range";
import { loadAccountEquity } from "./load-equity";
import type { EquityQuery, EquityView } from "./schemas";
import { sumEquity } from "./sum-equity";

/** About this many points at most: plenty for a chart as wide as a screen. */
export const EQUITY_CURVE_POINTS = 500;

/**
 * The caller's equity and balance summed over all accounts across a range: the value at
 * the range start (when there was history before it), then the close of each time bucket,
 * the bucket width chosen so a range of any length gives at most ~500 points.
 */
export async function getEquityCurve(user: SessionUser, q: EquityQuery, now: Date = new Date()): Promise<EquityView> {
  const range = resolveRange(q, now);
  const { points, opening, step } = await asUser(user.claims, (tx) => loadAccountEquity(tx, user.id, range, { maxPoints: EQUITY_CURVE_POINTS }));
  const totals = sumEquity([...opening, ...points]);
  // Several accounts' snapshots share a bucket: keep the total's close per bucket, but
  // never drop the opening value, so the line starts where the range does.
  const head = opening.length ? totals.slice(0, 1) : [];
  const rest = totals.slice(head.length);
  const curve = [...head, ...(step === null ? rest : lastPerBucket(rest, step))];
  return { points: curve.map((p) => ({ t: new Date(p.t).toISOString(), equity: p.equity, balance: p.balance })) };
}
