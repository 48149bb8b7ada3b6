import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { buildSummary } from "./build-summary";
import { dailyReturns } from "./daily-returns";
import { resolveRange } from "./date-range";
import { accountsCurrency, loadClosedTrades } from "./load-closed-trades";
import { loadAccountDays, loadMaxDrawdown, loadOpeningEquity } from "./load-equity";
import type { AnalyticsRangeQuery, SummaryView } from "./schemas";

/**
 * The caller's performance over a range (closed trades by close time; equity by
 * snapshot time), optionally of one broker's accounts. Empty history gives zeros and nulls.
 */
export async function getSummary(user: SessionUser, q: AnalyticsRangeQuery, now: Date = new Date()): Promise<SummaryView> {
  const range = resolveRange(q, now);
  const data = await asUser(user.claims, async (tx) => {
    const trades = await loadClosedTrades(tx, user.id, range, q.broker);
    // Max drawdown over every snapshot, in the database: a bucketed curve hides intraday troughs.
    const drawdown = await loadMaxDrawdown(tx, user.id, range, q.broker);
    const opening = range.from ? await loadOpeningEquity(tx, user.id, range.from, q.broker) : [];
    const days = await loadAccountDays(tx, user.id, range, q.broker);
    const currency = await accountsCurrency(tx, user.id, q.broker);
    return { trades, drawdown, opening, days, currency };
  });
  return buildSummary({
    trades: data.trades,
    drawdown: data.drawdown,
    returns: dailyReturns(data.days, new Map(data.opening.map((p) => [p.account_id, p.equity]))),
    currency: data.currency,
  });
}
