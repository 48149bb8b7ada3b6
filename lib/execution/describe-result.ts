import type { PlaceOrderResult } from "@/brokers/types";
import type { OrderRow } from "./rows";

/** The activity-log sentence for a broker's answer to one of our orders. */
export function describeResult(o: Pick<OrderRow, "side" | "qty" | "filled_qty" | "symbol">, r: PlaceOrderResult): string {
  const what = `${o.side} ${o.filled_qty || o.qty} ${o.symbol}`;
  // Some brokers confirm a close without its price (booked at the last mark).
  const at = r.avgPrice === undefined ? " (the broker gave no price)" : ` at ${r.avgPrice}`;
  switch (r.status) {
    case "filled":
      return `Filled ${what}${at}`;
    case "partially_filled":
      return `Partially filled ${what}${at}`;
    case "rejected":
      return `Broker rejected ${what}: ${r.reason ?? "no reason given"}`;
    case "expired":
      return `Order ${what} expired: ${r.reason ?? "not acknowledged in time"}`;
    case "cancelled":
      return `Order ${what} cancelled`;
    case "submitted":
      return `Order ${what} working at the broker`;
    default:
      return `Order ${what} ${r.status}`;
  }
}
