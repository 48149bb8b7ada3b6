import type { Queryable } from "@/lib/db/types";
import type { FillPlan } from "./fill-plan";
import type { OrderRow, PositionRow } from "./rows";

export type FillWrite = { positions: PositionRow[]; balance: number; equity: number };

/**
 * Executes a fill plan in ONE statement (the hot path counts round trips): position
 * update and/or insert, the order's position link, the day's realised P&L, balance and
 * equity, an equity snapshot when P&L was realised, and the activity log line.
 */
export async function writeFill(
  tx: Queryable,
  order: Pick<OrderRow, "id" | "user_id" | "account_id" | "broker" | "symbol" | "value_per_point" | "stop_loss" | "take_profit" | "trailing_stop" | "tag" | "correlation_id">,
  plan: FillPlan,
  price: number,
  ctx: { now: Date; day: string; log: { level: string; message: string; data: Record<string, unknown> } },
): Promise<FillWrite> {
  const u = plan.update;
  const i = plan.insert;
  const [row] = await tx.query<{ positions: PositionRow[] | null; account: { balance: number; equity: number } }>(
    `with
     pu as (
       update public.positions set qty = $2, entry_price = $3, realized_pnl = realized_pnl + $4, current_price = $5,
         unrealized_pnl = 0, status = case when $6 then 'open' else 'closed' end,
         closed_at = case when $6 then null else $7::timestamptz end,
         entries = case when $6 then entries + $8 else 0 end,
         stop_loss = $9, take_profit = $10, trailing_stop = $11
       where id = $1 returning *),
     pi as (
       insert into public.positions
         (id, user_id, account_id, broker, symbol, side, qty, entry_price, current_price, stop_loss, take_profit, trailing_stop, value_per_point, tag, entries, opened_at)
       select $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, $22, $23, $24, 1, $7
       where $12::uuid is not null returning *),
     ou as (update public.orders set position_id = $25 where id = $26 and position_id is distinct from $25),
     -- Counters, balance and the equity snapshot change only when P&L was realised: an
     -- opening fill writes none of them (fewer row versions on the hot path).
     ds as (
       insert into public.account_day_stats (account_id, day, user_id, realized_pnl) select $14, $27, $13, $4 where $4 <> 0
       on conflict (account_id, day) do update set realized_pnl = account_day_stats.realized_pnl + excluded.realized_pnl),
     acc as (
       update public.broker_accounts a set balance = a.balance + $4,
         equity = a.balance + $4 + coalesce((select sum(p.unrealized_pnl) from public.positions p
                                             where p.account_id = a.id and p.status = 'open' and p.id is distinct from $1), 0)
       where a.id = $14 and $4 <> 0 returning balance, equity),
     cur as (select balance, equity from acc union all select balance, equity from public.broker_accounts where id = $14 and $4 = 0),
     eh as (insert into public.equity_history (user_id, account_id, t, equity, balance) select $13, $14, $7, equity, balance from acc),
     lg as (insert into public.logs (user_id, level, type, message, data, correlation_id) values ($13, $28, 'order', $29, $30, $31))
     select (select json_agg(x) from (select * from pu union all select * from pi) x) as positions, (select row_to_json(cur) from cur) as account`,
    [
      u?.id ?? null,
      u?.qty ?? null,
      u?.entryPrice ?? null,
      plan.realizedPnl,
      price,
      u?.stillOpen ?? false,
      ctx.now,
      u?.entriesDelta ?? 0,
      u?.stopLoss ?? null,
      u?.takeProfit ?? null,
      u?.trailing ? JSON.stringify(u.trailing) : null,
      i?.id ?? null,
      order.user_id,
      order.account_id,
      order.broker,
      order.symbol,
      i?.side ?? null,
      i?.qty ?? null,
      i?.entryPrice ?? null,
      order.stop_loss,
      order.take_profit,
      order.trailing_stop ? JSON.stringify(order.trailing_stop) : null,
      order.value_per_point,
      order.tag,
      plan.positionId,
      order.id,
      ctx.day,
      ctx.log.level,
      ctx.log.message,
      JSON.stringify(ctx.log.data),
      order.correlation_id,
    ],
  );
  const positions = (row.positions ?? []).map(revivePosition);
  return { positions, balance: row.account.balance, equity: row.account.equity };
}

/** json_agg returns timestamps as strings and numerics as numbers: bring dates back. */
export function revivePosition(p: PositionRow): PositionRow {
  const raw = p as unknown as Record<string, unknown>;
  return {
    ...p,
    opened_at: new Date(raw.opened_at as string),
    closed_at: raw.closed_at ? new Date(raw.closed_at as string) : null,
    updated_at: new Date(raw.updated_at as string),
  };
}
