import { asUser, type Claims } from "@/lib/db/as-user";
import { adapterFor } from "@/brokers/registry";
import { applyBrokerLimits } from "@/lib/sizing/broker-limits";
import { loadAccountRef } from "./account-ref";
import { settleOrder } from "./settle-order";

/**
 * Cancels an account's working (resting) orders, of one symbol or all: at the broker
 * first, then in our records. Orders still `pending` (being sent) are left to settle.
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
  if (ref.broker !== "paper") {
    const adapter = adapterFor(ref.broker);
    const instrument = symbol ? applyBrokerLimits(adapter.id, await adapter.instrument(ref, symbol)) : undefined;
    await adapter.cancelOrders(ref, instrument);
  }
  for (const o of working) await settleOrder(o.id, { status: "cancelled", reason: "Cancelled on request" }, { claims });
  return working.length;
}
