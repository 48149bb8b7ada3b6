import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { resolveRange, utcDay } from "./date-range";
import { loadClosedTrades } from "./load-closed-trades";
import type { AnalyticsRangeQuery } from "./schemas";
import { tradesCsv } from "./trades-csv";

/** The caller's closed trades in a range as CSV, with a file name that says which range. */
export async function exportTrades(user: SessionUser, q: AnalyticsRangeQuery, now: Date = new Date()): Promise<{ filename: string; csv: string }> {
  const range = resolveRange(q, now);
  const trades = await asUser(user.claims, (tx) => loadClosedTrades(tx, user.id, range, q.broker));
  const span = `${range.from ? utcDay(range.from) : "start"}_${utcDay(new Date(range.to.getTime() - 1))}`;
  return { filename: `unify-trades_${span}.csv`, csv: tradesCsv(trades) };
}
