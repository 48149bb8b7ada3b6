import type { Claims } from "@/lib/db/as-user";
import { BrokerError, type AccountRef, type BrokerAdapter, type Instrument, type PlaceOrderResult } from "@/brokers/types";
import { log } from "@/lib/log/logger";
import type { OrderRow, PositionRow } from "./rows";
import { settleOrder } from "./settle-order";
import type { Settlement } from "./publish-settlement";

/**
 * Refusals are final — a reject, bad credentials, or a rate limit (the broker did not act
 * on the call); a timeout or a dropped connection is an unknown outcome the reconciler
 * settles by asking the broker.
 */
export function brokerErrorResult(err: unknown): PlaceOrderResult {
  if (err instanceof BrokerError && (err.kind === "rejected" || err.kind === "unauthorized" || err.kind === "rate_limited")) {
    return { status: "rejected", reason: err.message, brokerCode: err.brokerCode ?? err.kind };
  }
  return { status: "pending", reason: err instanceof Error ? err.message : String(err) };
}

/** Sends one recorded order to its broker with our order id as client id. Never throws. */
export async function sendToBroker(
  adapter: BrokerAdapter,
  ref: AccountRef,
  order: OrderRow,
  instrument: Instrument,
  closing: PositionRow | null,
  referencePrice?: number | null,
): Promise<PlaceOrderResult> {
  try {
    if (order.action === "exit") {
      const hint = closing ? { side: closing.side, qty: closing.qty, entryPrice: closing.entry_price } : undefined;
      return await adapter.closePosition(ref, instrument, order.qty, hint, { clientOrderId: order.id });
    }
    return await adapter.placeOrder(ref, {
      clientOrderId: order.id,
      instrument,
      side: order.side,
      type: order.type,
      qty: order.qty,
      // Market orders carry the price sizing used: brokers with brackets in ticks (ProjectX) measure from it.
      price: order.price ?? referencePrice ?? undefined,
      stopLoss: order.stop_loss ?? undefined,
      takeProfit: order.take_profit ?? undefined,
      trailing: order.trailing_stop ? { distance: order.trailing_stop.distance } : undefined,
      tag: order.tag ?? undefined,
    });
  } catch (err) {
    return brokerErrorResult(err);
  }
}

/**
 * Submits and settles an order. An unknown outcome ("pending") is left for the
 * reconciler, which asks the broker by client id — never sends again.
 */
export async function submitAndSettle(
  adapter: BrokerAdapter,
  ref: AccountRef,
  order: OrderRow,
  instrument: Instrument,
  closing: PositionRow | null,
  claims?: Claims,
  referencePrice?: number | null,
): Promise<Settlement | null> {
  const result = await sendToBroker(adapter, ref, order, instrument, closing, referencePrice);
  if (result.status === "pending") {
    log.warn("broker outcome unknown; the reconciler will settle it", { order_id: order.id, broker: order.broker, correlation_id: order.correlation_id });
    return null;
  }
  return settleOrder(order.id, result, { claims });
}

/** Waits for a promise at most until the deadline (performance.now() ms); undefined when it ran out. */
export async function withinBudget<T>(work: Promise<T>, deadline: number): Promise<T | undefined> {
  const remaining = deadline - performance.now();
  if (remaining <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), remaining);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
