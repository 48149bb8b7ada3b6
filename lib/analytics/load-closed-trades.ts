import type { Queryable } from "@/lib/db/types";
import type { ClosedTrade, TimeRange } from "./types";

/**
 * The user's closed positions (one per round trip) whose close falls in the range, oldest
 * first, optionally of one broker. Runs inside asUser: RLS applies, and the user_id filter
 * scopes it as well.
 */
export async function loadClosedTrades(tx: Queryable, userId: string, range: TimeRange, broker?: string): Promise<ClosedTrade[]> {
  return tx.query<ClosedTrade>(
    `select p.id, p.account_id, a.name as account_name, a.currency, p.broker, p.symbol, p.side, p.qty, p.entry_price,
            p.current_price as exit_price, p.realized_pnl, p.tag, p.opened_at, p.closed_at
       from public.positions p
       join public.broker_accounts a on a.id = p.account_id
      where p.user_id = $1 and p.status = 'closed' and p.closed_at is not null
        and ($2::timestamptz is null or p.closed_at >= $2) and p.closed_at < $3
        and ($4::text is null or p.broker = $4)
      order by p.closed_at, p.id`,
    [userId, range.from, range.to, broker ?? null],
  );
}

/** The one currency of the user's accounts (of a broker), or null when there are none or they differ. */
export async function accountsCurrency(tx: Queryable, userId: string, broker?: string): Promise<string | null> {
  const rows = await tx.query<{ currency: string }>(
    "select distinct currency from public.broker_accounts where user_id = $1 and ($2::text is null or broker = $2)",
    [userId, broker ?? null],
  );
  return rows.length === 1 ? rows[0].currency : null;
}
