import type { Queryable } from "@/lib/db/types";
import { sqlParams } from "@/lib/db/sql-params";
import type { AdmitInput } from "./admission-types";
import { dayStatsCte } from "./day-stats";
import { userLogCte } from "@/lib/log/user-log";
import { webhookEventCte } from "./webhook-events";
import type { FillPlan } from "./fill-plan";
import type { OrderRow, TrailingState } from "./rows";
import { fillCtes, readFillWrite, type FillContext, type FillWrite } from "./write-fill";

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

type RecordExtra = {
  countTrade: boolean;
  day: string;
  answer: { status: number; body: Record<string, unknown> } | null;
  /**
   * What the in-process (paper) broker answered, booked in the same statement: its
   * activity-log line, and its fill when it filled (the order carries its final position id).
   */
  paper?: { log: FillContext["log"]; fill: { plan: FillPlan; price: number } | null };
  /** This statement ends the transaction: it travels with COMMIT (Queryable.queryLast). */
  endsTransaction?: boolean;
  /** The reason the webhook event shows for an accepted alert, when there is one to tell. */
  note?: string;
};

/**
 * Records an admitted order in ONE statement: the order row, the accepted webhook event,
 * the idempotency key's order (and answer, when already known), the day's trade count —
 * and, for the in-process paper broker, its fill (position, balance, log line). Returns the
 * webhook event's id too: a later change of its outcome finds it by primary key.
 */
export async function recordOrder(
  tx: Queryable,
  input: Pick<AdmitInput, "caller" | "intent" | "idempotencyKey" | "source" | "correlationId" | "ip" | "payload" | "startedAt" | "now">,
  o: NewOrder,
  extra: RecordExtra,
): Promise<{ order: OrderRow; fill: FillWrite | null; webhookEventId: number }> {
  const a = input.caller.account;
  const p = sqlParams();
  const id = `${p(o.id)}::uuid`;
  const userId = `${p(a.user_id)}::uuid`;
  const accountId = `${p(a.account_id)}::uuid`;
  const broker = p(a.broker);
  const filled = `${p(o.filledQty)}::numeric`;
  const statusCode = `${p(extra.answer?.status ?? null)}::int`;
  const tag = input.intent.tag ?? null;
  const ctes = [
    `o as (
       insert into public.orders
         (id, user_id, account_id, broker, symbol, action, side, type, qty, price, stop_loss, take_profit, trailing_stop,
          value_per_point, status, position_id, tag, source, correlation_id, filled_qty, avg_price, broker_order_id, reason, filled_at)
       values (${id}, ${userId}, ${accountId}, ${broker}, ${p(o.symbol)}, ${p(o.action)}, ${p(o.side)}, ${p(o.type)}, ${p(o.qty)}, ${p(o.price)},
               ${p(o.stopLoss)}, ${p(o.takeProfit)}, ${p(o.trailing ? JSON.stringify(o.trailing) : null)}::jsonb, ${p(o.valuePerPoint)}, ${p(o.status)},
               ${p(o.positionId)}::uuid, ${p(tag)}, ${p(input.source)}, ${p(input.correlationId)}, ${filled}, ${p(o.avgPrice)}, ${p(o.brokerOrderId)},
               ${p(o.reason)}, case when ${filled} > 0 then ${p(input.now)}::timestamptz end)
       returning *)`,
    webhookEventCte(p, { input, outcome: "accepted", error: null, orderId: o.id, statusCode: extra.answer?.status, note: extra.note }),
    `ik as (
       update public.idempotency_keys set order_id = ${id}, status_code = ${statusCode}, response = ${p(extra.answer ? JSON.stringify(extra.answer.body) : null)}::jsonb
       where account_id = ${accountId} and key = ${p(input.idempotencyKey)})`,
  ];
  const trades = extra.countTrade ? 1 : 0;
  const run = extra.endsTransaction ? tx.queryLast : tx.query;
  const fill = extra.paper?.fill;
  if (!fill) {
    ctes.push(dayStatsCte(p, { accountId: a.account_id, userId: a.user_id, day: extra.day, trades, realizedPnl: 0 }));
    const log = extra.paper?.log;
    if (log) ctes.push(userLogCte(p, { user_id: a.user_id, type: "order", ...log, correlation_id: input.correlationId }));
    const [{ webhook_event_id, ...order }] = await run<OrderRow & { webhook_event_id: number }>(
      `with ${ctes.join(",\n")} select o.*, (select id from we) as webhook_event_id from o`,
      p.values,
    );
    return { order, fill: null, webhookEventId: webhook_event_id };
  }
  const fillOrder = {
    id: o.id,
    user_id: a.user_id,
    account_id: a.account_id,
    broker: a.broker,
    symbol: o.symbol,
    value_per_point: o.valuePerPoint,
    stop_loss: o.stopLoss,
    take_profit: o.takeProfit,
    trailing_stop: o.trailing,
    tag,
    correlation_id: input.correlationId,
  };
  const f = fillCtes(p, fillOrder, fill.plan, fill.price, { now: input.now, day: extra.day, log: extra.paper!.log, trades, linkOrder: false });
  ctes.push(f.ctes);
  const [row] = await run<OrderRow & { fill_positions: never; fill_account: { balance: number; equity: number }; webhook_event_id: number }>(
    `with ${ctes.join(",\n")} select o.*, ${f.positions} as fill_positions, ${f.account} as fill_account, (select id from we) as webhook_event_id from o`,
    p.values,
  );
  const { fill_positions, fill_account, webhook_event_id, ...order } = row;
  return { order, fill: readFillWrite(fill_positions, fill_account), webhookEventId: webhook_event_id };
}
