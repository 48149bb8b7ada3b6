import type { PlaceOrderRequest } from "@/brokers/types";

/**
 * Why the MetaTrader bridge cannot carry an order, or null. A command carries no price
 * (brokers.md), so only market orders; trailing stops are refused rather than dropped
 * (MetaTrader trails in the terminal, not on the broker's server); lots must sit on the
 * instrument's grid; SL/TP must be prices.
 */
export function orderProblem(order: PlaceOrderRequest): { reason: string; code: string } | null {
  const { instrument: ins, qty } = order;
  if (order.type !== "market") {
    return { reason: `The MetaTrader bridge sends market orders only; a ${order.type} order was not sent.`, code: "unsupported_order_type" };
  }
  if (order.trailing) {
    return { reason: "The MetaTrader bridge cannot place trailing stops; use a fixed stop loss. The order was not sent.", code: "unsupported_trailing" };
  }
  const steps = qty / ins.qtyStep;
  if (!(qty >= ins.minQty && qty <= ins.maxQty) || Math.abs(steps - Math.round(steps)) > 1e-6) {
    return { reason: `${qty} lots is not tradable for ${ins.symbol}: ${ins.minQty}–${ins.maxQty} lots in steps of ${ins.qtyStep}.`, code: "invalid_qty" };
  }
  for (const [name, level] of [["stop loss", order.stopLoss], ["take profit", order.takeProfit]] as const) {
    if (level !== undefined && !(level > 0)) return { reason: `The ${name} must be a positive price, got ${level}.`, code: "invalid_stops" };
  }
  return null;
}
