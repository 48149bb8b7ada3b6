import { asUser, type Claims } from "@/lib/db/as-user";
import { adapterFor } from "@/brokers/registry";
import type { AccountRef, BrokerAdapter, PlaceOrderResult } from "@/brokers/types";
import { applyBrokerLimits } from "@/lib/sizing/broker-limits";
import { loadAccountRef } from "./account-ref";
import { settleOrder } from "./settle-order";

/**
 * Cancels an account's working (resting) orders, of one symbol or all: at the broker
 * first, then in our records — each as the broker now reports it (a remote broker may have
 * filled it a moment ago, or kept an order it does not cancel), so our records never say
 * cancelled while the broker still works an order. Orders still `pending` (being sent) are
 * left to settle. Returns how many were cancelled.
 */
export async function cancelWorkingOrders(claims: Claims, accountId: string, symbol: string | null): Promise<number> {
  const { ref, working } = await asUser(claims, async (tx) => ({
    ref: await loadAccountRef(tx, accountId),
    working: await tx.query<{ id: string }>(
      // Resting limit/stop orders only: a submitted market order is in flight (e.g. awaiting the EA's ack), not cancellable.
      "select id from public.orders where account_id = $1 and status = 'submitted' and type <> 'market' and ($2::text is null or symbol = $2)",
      [accountId, symbol],
    ),
  }));
  if (!working.length && ref.broker === "paper") return 0;
  const adapter = adapterFor(ref.broker);
  if (ref.broker !== "paper") {
    const instrument = symbol ? applyBrokerLimits(adapter.id, await adapter.instrument(ref, symbol)) : undefined;
    await adapter.cancelOrders(ref, instrument);
  }
  let cancelled = 0;
  for (const o of working) {
    const result = ref.broker === "paper" ? CANCELLED : await brokerState(adapter, ref, o.id);
    // Still working at the broker (or unknown now): left as it is; broker sync settles it.
    if (!result || result.status === "submitted" || result.status === "pending") continue;
    const settled = await settleOrder(o.id, result, { claims });
    // A tick or the broker may have filled it first: only a cancel counts.
    if (settled?.order.status === "cancelled") cancelled++;
  }
  return cancelled;
}

const CANCELLED: PlaceOrderResult = { status: "cancelled", reason: "Cancelled on request" };

async function brokerState(adapter: BrokerAdapter, ref: AccountRef, orderId: string): Promise<PlaceOrderResult | null> {
  try {
    const found = await adapter.findOrder(ref, orderId);
    return found && found.status === "cancelled" ? { ...found, reason: found.reason ?? "Cancelled on request" } : found;
  } catch {
    return null;
  }
}
