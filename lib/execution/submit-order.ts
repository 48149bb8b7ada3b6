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

const store = globalThis as unknown as { __unifyOrdersInFlight?: Set<string> };
const ordersInFlight = () => (store.__unifyOrdersInFlight ??= new Set());

/**
 * True while this process is still waiting for the broker's answer to the order. The call
 * may not even have reached the broker yet (a rate limiter's queue, a penalty ticket's
 * wait), so "the broker has no trace of it" proves nothing until it returns.
 */
export function isOrderInFlight(orderId: string): boolean {
  return ordersInFlight().has(orderId);
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
  ordersInFlight().add(order.id);
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
  } finally {
    ordersInFlight().delete(order.id);
  }
}

/**
 * Submits and settles an order. An unknown outcome ("pending") is left for the
 * reconciler, which asks the broker by client id — never sends again. Never throws: once
 * the broker has answered, a failure to record the answer (a lost database connection)
 * leaves the order `pending` for the reconciler too, and the caller answers `pending`
 * rather than an error that would invite a second, unkeyed order.
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
  try {
    return await settleOrder(order.id, result, { claims });
  } catch (err) {
    log.error("recording the broker's answer failed; the reconciler will settle the order", {
      order_id: order.id,
      broker: order.broker,
      status: result.status,
      correlation_id: order.correlation_id,
      error: String(err),
    });
    return null;
  }
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
