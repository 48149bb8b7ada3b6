import type { Queryable } from "@/lib/db/types";
import type { SqlParams } from "@/lib/db/sql-params";
import type { DayStats } from "@/lib/risk/types";
import type { TradingHours } from "@/lib/risk/schemas";
import { revivePosition, statsDay, type PositionRow } from "./rows";
import type { StoredAnswer } from "./idempotency";

type StatsRow = { trades: number; realized_pnl: number; start_equity: number | null; open_trades: number; open_symbols: string[] | null };

const OPEN_TRADES_SQL = `
  (select coalesce(sum(p.entries), 0)::int from public.positions p where p.account_id = $1 and p.status = 'open')
    + (select count(*)::int from public.orders o where o.account_id = $1 and o.status in ('pending', 'submitted') and o.action in ('entry', 'reverse'))`;

const OPEN_SYMBOLS_SQL = `
  array(select p.symbol from public.positions p where p.account_id = $1 and p.status = 'open'
        union select o.symbol from public.orders o where o.account_id = $1 and o.status in ('pending', 'submitted') and o.action in ('entry', 'reverse'))`;

/** What the admission transaction reads about an account, in one round trip. */
export type AccountSnapshot = {
  enabled: boolean;
  equity: number;
  /** Margin in use (kept by the paper broker; a remote broker's as last synced). */
  margin: number;
  stats: DayStats;
  /** The open position in the alert's symbol, if any. */
  position: PositionRow | null;
  /** An exit of that symbol is already on its way to the broker. */
  exitPending: boolean;
};

/** The signature (single use) and idempotency key (24 h) to claim in the same statement. */
export type RequestGuard = { signature: string | null; idempotencyKey: string | null };

type SnapshotRow = StatsRow & {
  enabled: boolean;
  equity: number;
  margin: number;
  position: PositionRow | null;
  exit_pending: boolean;
  signature_fresh: boolean;
  claimed: boolean;
  prior: { status_code: number | null; response: Record<string, unknown> | null; order_id: string | null } | null;
};

/**
 * In one statement (the hot path counts round trips): single use of the signature, the
 * idempotency claim (or what the first request answered), account state, the day's
 * counters the risk rules read (the per-account per-day row, created with the current
 * equity as start-of-day equity), open trades and symbols, and the symbol's open
 * position — costing the same however long the account's history is.
 */
export async function readAccountSnapshot(
  tx: Queryable,
  accountId: string,
  userId: string,
  symbol: string,
  now: Date,
  /** The account's trading day (statsDay of now in the risk settings' time zone). */
  day: string,
  guard: RequestGuard = { signature: null, idempotencyKey: null },
): Promise<(AccountSnapshot & { signatureFresh: boolean; replay: StoredAnswer | null }) | null> {
  const [row] = await tx.query<SnapshotRow>(
    `with sig as (
       insert into public.webhook_signatures (account_id, signature, user_id) select $1, $5, $3 where $5::text is not null
       on conflict do nothing returning 1),
     prior as (select status_code, response, order_id from public.idempotency_keys where account_id = $1 and key = $6),
     claim as (
       insert into public.idempotency_keys (account_id, key, user_id, created_at) select $1, $6, $3, $7 where $6::text is not null
       on conflict (account_id, key) do update set created_at = excluded.created_at, response = null, status_code = null, order_id = null
         where idempotency_keys.created_at < $7::timestamptz - interval '24 hours'
       returning 1),
     acc as (select enabled, equity, margin from public.broker_accounts where id = $1),
     -- The day's row is created once (start-of-day equity); later alerts only read it. An
     -- equity of 0 is a remote account not synced yet: unknown, not a day that started at 0.
     created as (
       insert into public.account_day_stats (account_id, day, user_id, start_equity) select $1, $2, $3, case when equity > 0 then equity end from acc
       on conflict (account_id, day) do nothing
       returning trades, realized_pnl, start_equity),
     day as (
       select trades, realized_pnl, start_equity from created
       union all
       -- A row created without it (by a sync) started the day at today's equity less today's realised P&L.
       select trades, realized_pnl, coalesce(start_equity, (select equity from acc) - realized_pnl) from public.account_day_stats
       where account_id = $1 and day = $2 and not exists (select 1 from created))
     select acc.enabled, acc.equity, acc.margin, d.trades, d.realized_pnl, d.start_equity,
       ${OPEN_TRADES_SQL} as open_trades,
       ${OPEN_SYMBOLS_SQL} as open_symbols,
       (select row_to_json(p) from public.positions p where p.account_id = $1 and p.symbol = $4 and p.status = 'open') as position,
       exists (select 1 from public.orders o where o.account_id = $1 and o.symbol = $4 and o.action = 'exit' and o.status = 'pending') as exit_pending,
       exists (select 1 from sig) as signature_fresh,
       exists (select 1 from claim) as claimed,
       (select row_to_json(prior) from prior) as prior
     from acc left join day d on true`,
    [accountId, day, userId, symbol, guard.signature, guard.idempotencyKey, now],
  );
  if (!row) return null;
  return {
    enabled: row.enabled,
    equity: row.equity,
    margin: row.margin,
    stats: {
      tradesToday: row.trades ?? 0,
      realizedPnlToday: row.realized_pnl ?? 0,
      startEquity: row.start_equity ?? row.equity,
      openTrades: row.open_trades,
      openSymbols: row.open_symbols ?? [],
    },
    position: row.position ? revivePosition(row.position) : null,
    exitPending: row.exit_pending,
    signatureFresh: guard.signature === null || row.signature_fresh,
    replay:
      guard.idempotencyKey && !row.claimed && row.prior
        ? { statusCode: row.prior.status_code, body: row.prior.response, orderId: row.prior.order_id }
        : null,
  };
}

/** The same counters without writing anything (the playground's dry run). */
export async function peekDayStats(tx: Queryable, accountId: string, equity: number, now: Date, hours: TradingHours): Promise<DayStats> {
  const [row] = await tx.query<StatsRow>(
    `select coalesce(d.trades, 0) as trades, coalesce(d.realized_pnl, 0) as realized_pnl, d.start_equity,
       ${OPEN_TRADES_SQL} as open_trades,
       ${OPEN_SYMBOLS_SQL} as open_symbols
     from (select 1) one left join public.account_day_stats d on d.account_id = $1 and d.day = $2`,
    [accountId, statsDay(now, hours)],
  );
  return {
    tradesToday: row.trades,
    realizedPnlToday: row.realized_pnl,
    startEquity: row.start_equity ?? equity - row.realized_pnl,
    openTrades: row.open_trades,
    openSymbols: row.open_symbols ?? [],
  };
}

/**
 * The day's counters as the CTE `ds` of a write statement: entry trades and realised P&L
 * added to the account's row for the day (created when missing, with the account's equity
 * before this statement as the day's starting equity: the day's first event may be a fill,
 * a stop on a position held overnight). Writes nothing when both are zero. One CTE per
 * statement: two updates of one row in a statement would lose one.
 */
export function dayStatsCte(p: SqlParams, d: { accountId: string; userId: string; day: string; trades: number; realizedPnl: number }): string {
  const trades = `${p(d.trades)}::int`;
  const pnl = `${p(d.realizedPnl)}::numeric`;
  return `ds as (
       insert into public.account_day_stats (account_id, day, user_id, trades, realized_pnl, start_equity)
       select ${p(d.accountId)}::uuid, ${p(d.day)}::date, ${p(d.userId)}::uuid, ${trades}, ${pnl},
         (select case when equity > 0 then equity end from public.broker_accounts where id = ${p(d.accountId)}::uuid)
       where ${trades} <> 0 or ${pnl} <> 0
       on conflict (account_id, day) do update
         set trades = account_day_stats.trades + excluded.trades, realized_pnl = account_day_stats.realized_pnl + excluded.realized_pnl)`;
}
