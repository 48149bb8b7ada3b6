import type { OrderStatus } from "@/brokers/types";

/**
 * TradeLocker order statuses (order history shows Filled, Cancelled, Refused, Unplaced,
 * Removed; working orders New/Accepted) mapped to ours. Spellings are normalised because
 * the docs do not pin their case. A working order with fills is partially filled; so is a
 * cancelled one (an IOC market order's unfilled rest is cancelled at once), which the
 * account sync finalises with the filled quantity once the order no longer works. An
 * expired order with fills is done: cancelled, its fills kept.
 */
export function tradeLockerOrderStatus(raw: string | undefined, qty?: number, filledQty?: number): OrderStatus {
  const s = (raw ?? "").toLowerCase().replace(/[\s_-]/g, "");
  const someFilled = filledQty !== undefined && filledQty > 0;
  const partial = someFilled && qty !== undefined && filledQty < qty;
  switch (s) {
    case "filled":
      return "filled";
    case "partiallyfilled":
    case "partfilled":
      return "partially_filled";
    case "cancelled":
    case "canceled":
    case "removed":
      return partial ? "partially_filled" : "cancelled";
    case "refused":
    case "rejected":
    case "unplaced":
      return "rejected";
    case "expired":
      return someFilled ? "cancelled" : "expired";
    default:
      return partial ? "partially_filled" : "submitted";
  }
}
