import type { Queryable } from "@/lib/db/types";
import type { DayStats } from "@/lib/risk/types";
import { statsDay } from "./rows";

type StatsRow = { trades: number; realized_pnl: number; start_equity: number | null; open_trades: number; open_symbols: string[] | null };

/**
 * The day's counters the risk rules read, in one round trip: the per-account per-day
 * row (created with the current equity as start-of-day equity) plus open positions and
 * pending entries. Costs the same however long the account's history is.
 */
export async function readDayStats(tx: Queryable, accountId: string, userId: string, equity: number, now: Date, timeZone: string): Promise<DayStats> {
  const [row] = await tx.query<StatsRow>(
    `with day as (
       insert into public.account_day_stats (account_id, day, user_id, start_equity) values ($1, $2, $3, $4)
       on conflict (account_id, day) do update set start_equity = coalesce(account_day_stats.start_equity, excluded.start_equity)
       returning trades, realized_pnl, start_equity
     )
     select d.trades, d.realized_pnl, d.start_equity,
       (select coalesce(sum(p.entries), 0)::int from public.positions p where p.account_id = $1 and p.status = 'open')
         + (select count(*)::int from public.orders o where o.account_id = $1 and o.status in ('pending', 'submitted') and o.action in ('entry', 'reverse'))
         as open_trades,
       array(select p.symbol from public.positions p where p.account_id = $1 and p.status = 'open'
             union select o.symbol from public.orders o where o.account_id = $1 and o.status in ('pending', 'submitted') and o.action in ('entry', 'reverse'))
         as open_symbols
     from day d`,
    [accountId, statsDay(now, timeZone), userId, equity],
  );
  return {
    tradesToday: row.trades,
    realizedPnlToday: row.realized_pnl,
    startEquity: row.start_equity ?? equity,
    openTrades: row.open_trades,
    openSymbols: row.open_symbols ?? [],
  };
}

/** Counts one more entry today (same transaction as the order insert). */
export async function countTrade(tx: Queryable, accountId: string, now: Date, timeZone: string): Promise<void> {
  await tx.query("update public.account_day_stats set trades = trades + 1 where account_id = $1 and day = $2", [accountId, statsDay(now, timeZone)]);
}

/** The same counters without writing anything (the playground's dry run). */
export async function peekDayStats(tx: Queryable, accountId: string, equity: number, now: Date, timeZone: string): Promise<DayStats> {
  const [row] = await tx.query<StatsRow>(
    `select coalesce(d.trades, 0) as trades, coalesce(d.realized_pnl, 0) as realized_pnl, d.start_equity,
       (select coalesce(sum(p.entries), 0)::int from public.positions p where p.account_id = $1 and p.status = 'open')
         + (select count(*)::int from public.orders o where o.account_id = $1 and o.status in ('pending', 'submitted') and o.action in ('entry', 'reverse'))
         as open_trades,
       array(select p.symbol from public.positions p where p.account_id = $1 and p.status = 'open') as open_symbols
     from (select 1) one left join public.account_day_stats d on d.account_id = $1 and d.day = $2`,
    [accountId, statsDay(now, timeZone)],
  );
  return {
    tradesToday: row.trades,
    realizedPnlToday: row.realized_pnl,
    startEquity: row.start_equity ?? equity,
    openTrades: row.open_trades,
    openSymbols: row.open_symbols ?? [],
  };
}
