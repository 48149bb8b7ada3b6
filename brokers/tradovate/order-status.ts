import type { OrderStatus } from "@/brokers/types";

/** Working states of a Tradovate order (Order.ordStatus). */
export const WORKING_STATUSES = new Set(["Working", "PendingNew", "PendingReplace", "PendingCancel", "Suspended"]);

/**
 * Tradovate `ordStatus` (Canceled, Completed, Expired, Filled, PendingCancel, PendingNew,
 * PendingReplace, Rejected, Suspended, Unknown, Working) as ours; fills turn a working or
 * cancelled order into partially filled.
 */
export function tradovateOrderStatus(ordStatus: string | undefined, qty?: number, filledQty?: number): OrderStatus {
  const partial = filledQty !== undefined && filledQty > 0 && (qty === undefined || filledQty < qty);
  switch (ordStatus) {
    case "Filled":
    case "Completed":
      return "filled";
    case "Canceled":
      return partial ? "partially_filled" : "cancelled";
    case "Expired":
      return "expired";
    case "Rejected":
      return "rejected";
    case "Unknown":
    case undefined:
      return "pending";
    default:
      return partial ? "partially_filled" : "submitted";
  }
}
