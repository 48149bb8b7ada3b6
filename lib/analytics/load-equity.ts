import type { Queryable } from "@/lib/db/types";
import { bucketSeconds } from "./bucket-series";
import type { MaxDrawdown } from "./max-drawdown";
import type { AccountDay, AccountPoint, TimeRange } from "./types";

type Row = { account_id: string; t: Date; equity: number; balance: number };
const toPoint = (r: Row): AccountPoint => ({ account_id: r.account_id, t: r.t.getTime(), equity: r.equity, balance: r.balance });

// Every query joins broker_accounts only for the optional broker filter; user_id scopes it.
const SCOPE = `from public.equity_history e join public.broker_accounts a on a.id = e.account_id
  where e.user_id = $1 and ($2::text is null or a.broker = $2)`;

/**
 * Each account's last snapshot before `at`: its equity when a range opens. Accounts
 * created later have none and join the curve at their first snapshot.
 */
export async function loadOpeningEquity(tx: Queryable, userId: string, at: Date, broker?: string): Promise<AccountPoint[]> {
  const rows = await tx.query<Row>(
    `select distinct on (e.account_id) e.account_id, e.t, e.equity, e.balance ${SCOPE} and e.t < $3
      order by e.account_id, e.t desc, e.id desc`,
    [userId, broker ?? null, at],
  );
  return rows.map((r) => ({ ...toPoint(r), t: at.getTime() }));
}

/**
 * Per-account equity snapshots in the range plus each account's opening value at the
 * range start. When there are more than maxPoints snapshots, they are thinned in the
 * database to the last one of each epoch-aligned bucket, so at most about maxPoints
 * buckets come back whatever the history holds (maxPoints null = always every snapshot).
 * Returns the snapshots, the opening values (stamped at the range start) and the bucket
 * width used (seconds; null when not bucketed).
 */
export async function loadAccountEquity(
  tx: Queryable,
  userId: string,
  range: TimeRange,
  opts: { maxPoints: number | null; broker?: string },
): Promise<{ points: AccountPoint[]; opening: AccountPoint[]; step: number | null }> {
  const broker = opts.broker ?? null;
  const [stats] = await tx.query<{ first: Date | null; n: number }>(
    `select min(e.t) as first, count(*)::int as n ${SCOPE} and ($3::timestamptz is null or e.t >= $3) and e.t < $4`,
    [userId, broker, range.from, range.to],
  );
  const from = range.from ?? stats.first;
  // Few enough snapshots are returned as they are: bucketing them would only hide dips.
  const step =
    opts.maxPoints === null || !from || stats.n <= opts.maxPoints
      ? null
      : bucketSeconds(Math.max(0, range.to.getTime() - from.getTime()), opts.maxPoints);
  const rows = await tx.query<Row>(
    `select distinct on (e.account_id, bucket) e.account_id, e.t, e.equity, e.balance,
            case when $5::numeric is null then e.id else floor(extract(epoch from e.t) / $5::numeric) end as bucket
       ${SCOPE} and ($3::timestamptz is null or e.t >= $3) and e.t < $4
      order by e.account_id, bucket, e.t desc, e.id desc`,
    [userId, broker, range.from, range.to, step],
  );
  const opening = range.from ? await loadOpeningEquity(tx, userId, range.from, opts.broker) : [];
  return { points: rows.map(toPoint), opening, step };
}

/** Each account's first and last equity of every UTC day in the range (for daily returns). */
export async function loadAccountDays(tx: Queryable, userId: string, range: TimeRange, broker?: string): Promise<AccountDay[]> {
  return tx.query<AccountDay>(
    `select e.account_id, to_char(e.t at time zone 'UTC', 'YYYY-MM-DD') as day,
            (array_agg(e.equity order by e.t, e.id))[1] as open,
            (array_agg(e.equity order by e.t desc, e.id desc))[1] as close
       ${SCOPE} and ($3::timestamptz is null or e.t >= $3) and e.t < $4
      group by 1, 2`,
    [userId, broker ?? null, range.from, range.to],
  );
}

/**
 * Maximum drawdown of the user's total equity over the range, computed in the database
 * over every snapshot: a curve thinned to bucket closes hides any trough that recovers
 * within its bucket (per-minute snapshots over a month were read as 15-minute closes).
 * Same definition as maxDrawdown on sumEquity's curve: each account holds its last value
 * (from its opening value at the range start), snapshots sharing an instant apply together,
 * the percentage is of the running peak and only while that peak is positive.
 */
export async function loadMaxDrawdown(tx: Queryable, userId: string, range: TimeRange, broker?: string): Promise<MaxDrawdown> {
  const [row] = await tx.query<{ amount: number | null; pct: number | null }>(
    `with snaps as (
       select * from (
         select distinct on (e.account_id) e.account_id, $3::timestamptz as t, 0 as ord, e.id, e.equity
           ${SCOPE} and $3::timestamptz is not null and e.t < $3
          order by e.account_id, e.t desc, e.id desc) opening
       union all
       select e.account_id, e.t, 1 as ord, e.id, e.equity
         ${SCOPE} and ($3::timestamptz is null or e.t >= $3) and e.t < $4),
     -- Each snapshot as the change it makes to the total (the account's first counts whole).
     changes as (
       select t, equity - coalesce(lag(equity) over (partition by account_id order by t, ord, id), 0) as change from snaps),
     totals as (select t, sum(sum(change)) over (order by t) as equity from changes group by t),
     peaks as (select equity, max(equity) over (order by t) as peak from totals)
     select max(peak - equity) as amount, max(case when peak > 0 then (peak - equity) / peak * 100 end) as pct from peaks`,
    [userId, broker ?? null, range.from, range.to],
  );
  return { amount: row?.amount ?? 0, pct: row?.pct ?? 0 };
}
