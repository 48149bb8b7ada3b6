import type { Queryable } from "@/lib/db/types";
import type { AdmitInput } from "./admission-types";
import type { OrderRow, TrailingState } from "./rows";

export type NewOrder = {
  id: string;
  symbol: string;
  action: string;
  side: "buy" | "sell";
  type: "market" | "limit" | "stop";
  qty: number;
  price: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  trailing: TrailingState | null;
  valuePerPoint: number;
  positionId: string | null;
  /** pending (sent to a remote broker next), or the in-process paper broker's own answer. */
  status: "pending" | "submitted" | "filled" | "rejected";
  filledQty: number;
  avgPrice: number | null;
  brokerOrderId: string | null;
  reason: string | null;
};

/**
 * Records an admitted order in ONE statement: the order row, the accepted webhook event,
 * the idempotency key's order (and answer, when already known), and the day's trade count.
 */
export async function recordOrder(
  tx: Queryable,
  input: Pick<AdmitInput, "caller" | "intent" | "idempotencyKey" | "source" | "correlationId" | "ip" | "payload" | "startedAt" | "now">,
  o: NewOrder,
  extra: { countTrade: boolean; day: string; answer: { status: number; body: Record<string, unknown> } | null },
): Promise<OrderRow> {
  const a = input.caller.account;
  const [row] = await tx.query<OrderRow>(
    `with
     o as (
       insert into public.orders
         (id, user_id, account_id, broker, symbol, action, side, type, qty, price, stop_loss, take_profit, trailing_stop,
          value_per_point, status, position_id, tag, source, correlation_id, filled_qty, avg_price, broker_order_id, reason, filled_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::numeric, $21, $22, $23,
               case when $20::numeric > 0 then $24::timestamptz end)
       returning *),
     we as (
       insert into public.webhook_events
         (user_id, account_id, broker, payload, signature_valid, outcome, status_code, order_id, ip, latency_ms, correlation_id)
       values ($2, $3, $4, $25, $26, 'accepted', coalesce($27, 200), $1, $28, $29, $19)),
     ik as (update public.idempotency_keys set order_id = $1, status_code = $27, response = $30 where account_id = $3 and key = $31),
     ds as (update public.account_day_stats set trades = trades + 1 where $32 and account_id = $3 and day = $33)
     select * from o`,
    [
      o.id,
      a.user_id,
      a.account_id,
      a.broker,
      o.symbol,
      o.action,
      o.side,
      o.type,
      o.qty,
      o.price,
      o.stopLoss,
      o.takeProfit,
      o.trailing ? JSON.stringify(o.trailing) : null,
      o.valuePerPoint,
      o.status,
      o.positionId,
      input.intent.tag ?? null,
      input.source,
      input.correlationId,
      o.filledQty,
      o.avgPrice,
      o.brokerOrderId,
      o.reason,
      input.now,
      JSON.stringify(input.payload ?? null),
      input.caller.signatureValid,
      extra.answer?.status ?? null,
      input.ip,
      Math.round((performance.now() - input.startedAt) * 1000) / 1000,
      extra.answer ? JSON.stringify(extra.answer.body) : null,
      input.idempotencyKey,
      extra.countTrade,
      extra.day,
    ],
  );
  return row;
}
