import type { Claims } from "@/lib/db/as-user";
import { asUser } from "@/lib/db/as-user";
import { asService } from "@/lib/db/service";
import type { Queryable } from "@/lib/db/types";
import type { PlaceOrderResult } from "@/brokers/types";
import { metrics } from "@/lib/metrics/registry";
import { writeUserLog } from "@/lib/log/user-log";
import { applyFill } from "./apply-fill";
import { FINAL_ORDER_STATUSES, type OrderRow, type PositionRow } from "./rows";
import { publishSettlement, type Settlement } from "./publish-settlement";

const describe = (o: OrderRow, r: PlaceOrderResult) => {
  const what = `${o.side} ${o.filled_qty || o.qty} ${o.symbol}`;
  switch (r.status) {
    case "filled":
      return `Filled ${what} at ${r.avgPrice}`;
    case "partially_filled":
      return `Partially filled ${what} at ${r.avgPrice}`;
    case "rejected":
      return `Broker rejected ${what}: ${r.reason ?? "no reason given"}`;
    case "expired":
      return `Order ${what} expired: ${r.reason ?? "not acknowledged in time"}`;
    case "cancelled":
      return `Order ${what} cancelled`;
    default:
      return `Order ${what} ${r.status}`;
  }
};

/** Settles inside an open transaction: the order's new state and, for a fill, the position. */
export async function settleInTx(tx: Queryable, orderId: string, result: PlaceOrderResult, now = new Date()): Promise<Settlement | null> {
  const [locked] = await tx.query<{ account_id: string }>("select account_id from public.orders where id = $1", [orderId]);
  if (!locked) return null;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [locked.account_id]);
  const [before] = await tx.query<OrderRow>("select * from public.orders where id = $1 for update", [orderId]);
  // A settled order stays settled: duplicate acks, late broker answers and the reconciler
  // racing a slow submission all end here without a second fill.
  if (FINAL_ORDER_STATUSES.includes(before.status)) return null;
  const newFill = Math.max(0, (result.filledQty ?? (result.status === "filled" ? before.qty : 0)) - before.filled_qty);
  const [order] = await tx.query<OrderRow>(
    `update public.orders set status = $2, filled_qty = filled_qty + $3,
       avg_price = coalesce($4, avg_price), broker_order_id = coalesce($5, broker_order_id), reason = coalesce($6, reason),
       filled_at = case when $3 > 0 then $7::timestamptz else filled_at end
     where id = $1 returning *`,
    [orderId, result.status, newFill, result.avgPrice ?? null, result.brokerOrderId ?? null, result.reason ?? null, now],
  );
  let positions: PositionRow[] = [];
  let realizedPnl = 0;
  if (newFill > 0 && result.avgPrice) {
    const effect = await applyFill(tx, order, newFill, result.avgPrice, now);
    positions = effect.positions;
    realizedPnl = effect.realizedPnl;
  }
  const log = {
    user_id: order.user_id,
    level: result.status === "rejected" || result.status === "expired" ? ("warn" as const) : ("info" as const),
    type: "order",
    message: describe(order, result),
    data: { order_id: order.id, status: order.status, broker_code: result.brokerCode, realized_pnl: realizedPnl || undefined },
    correlation_id: order.correlation_id,
  };
  await writeUserLog(tx, log);
  return { order, positions, realizedPnl, filled: newFill > 0, log };
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
