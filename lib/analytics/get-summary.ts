import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { buildSummary } from "./build-summary";
import { dailyReturns } from "./daily-returns";
import { resolveRange } from "./date-range";
import { accountsCurrency, loadClosedTrades } from "./load-closed-trades";
import { loadAccountDays, loadAccountEquity } from "./load-equity";
import type { AnalyticsRangeQuery, SummaryView } from "./schemas";
import { sumEquity } from "./sum-equity";

// Max drawdown is read off the curve at this resolution: fine enough to catch the troughs
// (per-minute snapshots over ~3 days, hourly over ~7 months) at a bounded cost.
const DRAWDOWN_POINTS = 5_000;

/**
 * The caller's performance over a range (closed trades by close time; equity by
 * snapshot time), optionally of one broker's accounts. Empty history gives zeros and nulls.
 */
export async function getSummary(user: SessionUser, q: AnalyticsRangeQuery, now: Date = new Date()): Promise<SummaryView> {
  const range = resolveRange(q, now);
  const data = await asUser(user.claims, async (tx) => {
    const trades = await loadClosedTrades(tx, user.id, range, q.broker);
    const equity = await loadAccountEquity(tx, user.id, range, { maxPoints: DRAWDOWN_POINTS, broker: q.broker });
    const days = await loadAccountDays(tx, user.id, range, q.broker);
    const currency = await accountsCurrency(tx, user.id, q.broker);
    return { trades, equity, days, currency };
  });
  const { points, opening } = data.equity;
  return buildSummary({
    trades: data.trades,
    equity: sumEquity([...opening, ...points]),
    returns: dailyReturns(data.days, new Map(opening.map((p) => [p.account_id, p.equity]))),
    currency: data.currency,
  });
}
