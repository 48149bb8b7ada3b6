import type { Queryable } from "@/lib/db/types";
import { netFill } from "./net-fill";
import { cachedRiskSettings } from "@/lib/settings/risk-settings";
import { statsDay, type OrderRow, type PositionRow } from "./rows";

export type FillEffect = { positions: PositionRow[]; realizedPnl: number };

const OPENING_ACTIONS = new Set(["entry", "reverse"]);

/**
 * Books a fill of one of our orders into the account's netted position (open, add,
 * reduce, close or flip), its realised P&L into the day's counters and the balance,
 * and an equity snapshot. Runs inside the settling transaction, under the account lock.
 */
export async function applyFill(tx: Queryable, order: OrderRow, filledQty: number, price: number, now: Date): Promise<FillEffect> {
  const [current] = await tx.query<PositionRow>(
    "select * from public.positions where account_id = $1 and symbol = $2 and status = 'open' for update",
    [order.account_id, order.symbol],
  );
  const vpp = order.value_per_point;
  const net = netFill(current ? { side: current.side, qty: current.qty, entryPrice: current.entry_price } : null, { side: order.side, qty: filledQty, price }, vpp);
  const changed: PositionRow[] = [];
  const opening = OPENING_ACTIONS.has(order.action);

  if (current) {
    const stillOpen = net.position && !net.flipped;
    const [row] = await tx.query<PositionRow>(
      `update public.positions set
         qty = $2, entry_price = $3, realized_pnl = realized_pnl + $4, current_price = $5,
         unrealized_pnl = case when $6 then unrealized_pnl else 0 end,
         status = case when $6 then 'open' else 'closed' end,
         closed_at = case when $6 then null else $7::timestamptz end,
         entries = case when $6 then entries + $8 else 0 end,
         stop_loss = case when $6 and $9::numeric is not null then $9 else stop_loss end,
         take_profit = case when $6 and $10::numeric is not null then $10 else take_profit end,
         trailing_stop = case when $6 and $11::jsonb is not null then $11 else trailing_stop end
       where id = $1 returning *`,
      [
        current.id,
        stillOpen ? net.position!.qty : current.qty,
        stillOpen ? net.position!.entryPrice : current.entry_price,
        net.realizedPnl,
        price,
        !!stillOpen,
        now,
        opening && current.side === order.side ? 1 : 0,
        order.stop_loss,
        order.take_profit,
        order.trailing_stop ? JSON.stringify(order.trailing_stop) : null,
      ],
    );
    changed.push(row);
  }
  if (net.position && (!current || net.flipped)) {
    const [row] = await tx.query<PositionRow>(
      `insert into public.positions
         (user_id, account_id, broker, symbol, side, qty, entry_price, current_price, stop_loss, take_profit, trailing_stop, value_per_point, tag, entries, opened_at)
       values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, 1, $13) returning *`,
      [
        order.user_id,
        order.account_id,
        order.broker,
        order.symbol,
        net.position.side,
        net.position.qty,
        net.position.entryPrice,
        order.stop_loss,
        order.take_profit,
        order.trailing_stop ? JSON.stringify(order.trailing_stop) : null,
        vpp,
        order.tag,
        now,
      ],
    );
    changed.push(row);
  }
  const positionId = changed[changed.length - 1]?.id ?? null;
  await tx.query("update public.orders set position_id = $2 where id = $1", [order.id, positionId]);

  if (net.realizedPnl !== 0) {
    const settings = await cachedRiskSettings(tx, order.user_id, order.broker);
    await tx.query(
      `insert into public.account_day_stats (account_id, day, user_id, realized_pnl) values ($1, $2, $3, $4)
       on conflict (account_id, day) do update set realized_pnl = account_day_stats.realized_pnl + excluded.realized_pnl`,
      [order.account_id, statsDay(now, settings.trading_hours.timezone), order.user_id, net.realizedPnl],
    );
  }
  // Balance moves by what was realised; equity is balance plus what is still open.
  const [acc] = await tx.query<{ balance: number; equity: number }>(
    `update public.broker_accounts a set
       balance = a.balance + $2,
       equity = a.balance + $2 + coalesce((select sum(p.unrealized_pnl) from public.positions p where p.account_id = a.id and p.status = 'open'), 0)
     where a.id = $1 returning balance, equity`,
    [order.account_id, net.realizedPnl],
  );
  await tx.query("insert into public.equity_history (user_id, account_id, t, equity, balance) values ($1, $2, $3, $4, $5)", [
    order.user_id,
    order.account_id,
    now,
    acc.equity,
    acc.balance,
  ]);
  return { positions: changed, realizedPnl: net.realizedPnl };
}
