import type { Queryable } from "@/lib/db/types";
import { sqlParams, type SqlParams } from "@/lib/db/sql-params";
import type { FillPlan } from "./fill-plan";
import { dayStatsCte } from "./day-stats";
import { userLogCte, type UserLogEntry } from "@/lib/log/user-log";
import { revivePosition, type OrderRow, type PositionRow } from "./rows";
import { positionMargin } from "@/brokers/paper/margin";

export type FillWrite = { positions: PositionRow[]; balance: number; equity: number };

export type FillOrder = Pick<OrderRow, "id" | "user_id" | "account_id" | "broker" | "symbol" | "value_per_point" | "stop_loss" | "take_profit" | "trailing_stop" | "tag" | "correlation_id">;

export type FillContext = {
  now: Date;
  day: string;
  log: Pick<UserLogEntry, "level" | "message"> & { data: Record<string, unknown> };
  /** Entry trades to count today along with the fill (an admitted paper order counts its own). */
  trades?: number;
  /** Attach the order row to its position (false when the order is inserted with it already). */
  linkOrder?: boolean;
};

/**
 * The statement parts of a fill: position update and/or insert, the order's position link,
 * the day's counters, balance and equity, an equity snapshot when P&L was realised, and the
 * activity log line. `positions` and `account` are the expressions that read the outcome.
 */
export function fillCtes(p: SqlParams, order: FillOrder, plan: FillPlan, price: number, ctx: FillContext): { ctes: string; positions: string; account: string } {
  const u = plan.update;
  const i = plan.insert;
  const pnl = `${p(plan.realizedPnl)}::numeric`;
  const now = `${p(ctx.now)}::timestamptz`;
  const stillOpen = `${p(u?.stillOpen ?? false)}::boolean`;
  const updatedId = `${p(u?.id ?? null)}::uuid`;
  const userId = p(order.user_id);
  const accountId = `${p(order.account_id)}::uuid`;
  const insertedId = `${p(i?.id ?? null)}::uuid`;
  // Paper positions hold their margin (the paper broker keeps it); a remote broker's margin
  // comes from the broker, so its fills leave margin alone (null).
  const paper = order.broker === "paper";
  const updMargin = paper ? positionMargin(order.symbol, price, u?.stillOpen ? u.qty : 0, order.value_per_point) : null;
  const insMargin = paper && i ? positionMargin(order.symbol, price, i.qty, order.value_per_point) : null;
  const changesPosition = plan.realizedPnl !== 0 || u !== null;
  const writesAccount = `${p(changesPosition || insMargin !== null)}::boolean`;
  const ctes = [
    // The open position is found by its partial unique index (account, symbol, open): the
    // cost does not grow with the account's closed positions.
    `pu as (
       update public.positions set qty = ${p(u?.qty ?? null)}, entry_price = ${p(u?.entryPrice ?? null)}, realized_pnl = realized_pnl + ${pnl},
         current_price = ${p(price)}, unrealized_pnl = ${p(u?.unrealizedPnl ?? 0)}::numeric, margin = coalesce(${p(updMargin)}::numeric, margin), status = case when ${stillOpen} then 'open' else 'closed' end,
         closed_at = case when ${stillOpen} then null else ${now} end,
         entries = case when ${stillOpen} then entries + ${p(u?.entriesDelta ?? 0)}::int else 0 end,
         stop_loss = ${p(u?.stopLoss ?? null)}, take_profit = ${p(u?.takeProfit ?? null)}, trailing_stop = ${p(u?.trailing ? JSON.stringify(u.trailing) : null)}::jsonb
       where account_id = ${accountId} and symbol = ${p(order.symbol)} and status = 'open' and id = ${updatedId} returning *)`,
    `pi as (
       insert into public.positions
         (id, user_id, account_id, broker, symbol, side, qty, entry_price, current_price, stop_loss, take_profit, trailing_stop, value_per_point, tag, entries, opened_at, margin)
       select ${insertedId}, ${userId}, ${accountId}, ${p(order.broker)}, ${p(order.symbol)}, ${p(i?.side ?? null)}, ${p(i?.qty ?? null)}, ${p(i?.entryPrice ?? null)}::numeric,
         ${p(i?.entryPrice ?? null)}::numeric, ${p(order.stop_loss)}, ${p(order.take_profit)}, ${p(order.trailing_stop ? JSON.stringify(order.trailing_stop) : null)}::jsonb,
         ${p(order.value_per_point)}, ${p(order.tag)}, 1, ${now}, ${p(insMargin ?? 0)}::numeric
       where ${insertedId} is not null returning *)`,
    ...(ctx.linkOrder === false
      ? []
      : [`ou as (update public.orders set position_id = ${p(plan.positionId)}::uuid where id = ${p(order.id)} and position_id is distinct from ${p(plan.positionId)}::uuid)`]),
    // Counters change only when something is counted or P&L was realised. Balance, equity
    // and the equity snapshot change when P&L was realised or an open position changed (its
    // running P&L at the fill price replaces its last mark); a paper account's margin on
    // every fill (the other open positions' margin plus the changed or new one's).
    dayStatsCte(p, { accountId: order.account_id, userId: order.user_id, day: ctx.day, trades: ctx.trades ?? 0, realizedPnl: plan.realizedPnl }),
    `acc as (
       update public.broker_accounts a set balance = a.balance + ${pnl},
         equity = a.balance + ${pnl} + ${p(u?.unrealizedPnl ?? 0)}::numeric
           + coalesce((select sum(p.unrealized_pnl) from public.positions p
                       where p.account_id = a.id and p.status = 'open' and p.id is distinct from ${updatedId}), 0),
         margin = case when ${p(paper)}::boolean then ${p((updMargin ?? 0) + (insMargin ?? 0))}::numeric
           + coalesce((select sum(p.margin) from public.positions p
                       where p.account_id = a.id and p.status = 'open' and p.id is distinct from ${updatedId}), 0) else a.margin end
       where a.id = ${accountId} and ${writesAccount} returning balance, equity)`,
    `cur as (select balance, equity from acc union all select balance, equity from public.broker_accounts where id = ${accountId} and not ${writesAccount})`,
    `eh as (insert into public.equity_history (user_id, account_id, t, equity, balance) select ${userId}, ${accountId}, ${now}, equity, balance from acc where ${p(changesPosition)}::boolean)`,
    userLogCte(p, { user_id: order.user_id, type: "order", ...ctx.log, correlation_id: order.correlation_id }),
  ].join(",\n");
  return {
    ctes,
    positions: "(select json_agg(x) from (select * from pu union all select * from pi) x)",
    account: "(select row_to_json(cur) from cur)",
  };
}

/** Executes a fill plan in ONE statement (the hot path counts round trips). */
export async function writeFill(tx: Queryable, order: FillOrder, plan: FillPlan, price: number, ctx: FillContext): Promise<FillWrite> {
  const p = sqlParams();
  const f = fillCtes(p, order, plan, price, ctx);
  const [row] = await tx.query<{ positions: PositionRow[] | null; account: { balance: number; equity: number } }>(
    `with ${f.ctes} select ${f.positions} as positions, ${f.account} as account`,
    p.values,
  );
  return readFillWrite(row.positions, row.account);
}

/** The outcome columns of a fill statement, typed. */
export function readFillWrite(positions: PositionRow[] | null, account: { balance: number; equity: number }): FillWrite {
  return { positions: (positions ?? []).map(revivePosition), balance: account.balance, equity: account.equity };
}
