import type { Claims } from "@/lib/db/as-user";
import { asUser } from "@/lib/db/as-user";
import { asService } from "@/lib/db/service";
import type { Queryable } from "@/lib/db/types";
import type { PlaceOrderResult } from "@/brokers/types";
import { metrics } from "@/lib/metrics/registry";
import { writeUserLog } from "@/lib/log/user-log";
import { planFill } from "./fill-plan";
import { writeFill } from "./write-fill";
import { describeResult } from "./describe-result";
import { cachedRiskSettings } from "@/lib/settings/risk-settings";
import { FINAL_ORDER_STATUSES, revivePosition, statsDay, type OrderRow, type PositionRow } from "./rows";
import { publishSettlement, type Settlement } from "./publish-settlement";

/** Settles inside an open transaction: the order's new state and, for a fill, the position. */
export async function settleInTx(tx: Queryable, orderId: string, result: PlaceOrderResult, now = new Date()): Promise<Settlement | null> {
  const [locked] = await tx.query<{ account_id: string }>("select account_id from public.orders where id = $1", [orderId]);
  if (!locked) return null;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [locked.account_id]);
  const [before] = await tx.query<OrderRow & { position: PositionRow | null }>(
    `select o.*, (select row_to_json(p) from public.positions p where p.account_id = o.account_id and p.symbol = o.symbol and p.status = 'open') as position
     from public.orders o where o.id = $1 for update`,
    [orderId],
  );
  const newFill = Math.max(0, (result.filledQty ?? (result.status === "filled" ? before.qty : 0)) - before.filled_qty);
  // An expired order the broker reports more fill for was not dead: the reconciler expires
  // an order the broker has no trace of, but the call may still have been on its way there
  // (queued behind a rate limit on another replica). The broker's fill is the truth and is
  // booked; anything else for it (a reject, a resting order) is a stale answer.
  const revived = before.status === "expired" && newFill > 0;
  // A settled order stays settled: duplicate acks, late broker answers and the reconciler
  // racing a slow submission all end here without a second fill.
  if (FINAL_ORDER_STATUSES.includes(before.status) && !revived) return null;
  const [order] = await tx.query<OrderRow>(
    `update public.orders set status = $2, filled_qty = filled_qty + $3,
       avg_price = coalesce($4, avg_price), broker_order_id = coalesce($5, broker_order_id),
       reason = case when $8::boolean then $6 else coalesce($6, reason) end,
       filled_at = case when $3 > 0 then $7::timestamptz else filled_at end
     where id = $1 returning *`,
    [orderId, result.status, newFill, result.avgPrice ?? null, result.brokerOrderId ?? null, result.reason ?? null, now, revived],
  );
  const log = {
    user_id: order.user_id,
    level: result.status === "rejected" || result.status === "expired" ? ("warn" as const) : ("info" as const),
    type: "order",
    message: describeResult(order, result),
    correlation_id: order.correlation_id,
  };
  const data: Record<string, unknown> = { order_id: order.id, status: order.status, broker_code: result.brokerCode };
  const position = before.position ? revivePosition(before.position) : null;
  // Some brokers confirm a close without its price; the position must not stay open while
  // the broker is flat, so it is booked at the last mark (the sync job corrects balances).
  const price = result.avgPrice ?? (newFill > 0 ? (position?.current_price ?? position?.entry_price ?? order.price ?? null) : null);
  if (newFill > 0 && price) {
    if (!result.avgPrice) Object.assign(data, { price_estimated: true });
    const plan = planFill(order, position, newFill, price);
    const hours = (await cachedRiskSettings(tx, order.user_id, order.broker)).trading_hours;
    const write = await writeFill(tx, order, plan, price, { now, day: statsDay(now, hours), log: { level: log.level, message: log.message, data } });
    return { order: { ...order, position_id: plan.positionId }, positions: write.positions, realizedPnl: plan.realizedPnl, filled: true, log: { ...log, data } };
  }
  await writeUserLog(tx, { ...log, data });
  return { order, positions: [], realizedPnl: 0, filled: false, log: { ...log, data } };
}

/**
 * Records a broker's answer for one of our orders: status, fill, position, realised
 * P&L, balance, equity snapshot, then events. Idempotent: an order already in a final
 * state is left alone. With claims it runs under RLS as the owner; background callers
 * (reconciler, EA acks, price ticks) run it as the service.
 */
export async function settleOrder(orderId: string, result: PlaceOrderResult, opts: { claims?: Claims; now?: Date } = {}): Promise<Settlement | null> {
  const run = (tx: Queryable) => settleInTx(tx, orderId, result, opts.now);
  const settlement = opts.claims ? await asUser(opts.claims, run) : await asService(run);
  if (!settlement) return null;
  if (FINAL_ORDER_STATUSES.includes(settlement.order.status)) {
    metrics().ordersTotal.labels(settlement.order.broker, settlement.order.status).inc();
  }
  await publishSettlement(settlement);
  return settlement;
}
