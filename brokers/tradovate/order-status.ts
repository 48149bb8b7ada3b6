import type { OrderStatus } from "@/brokers/types";

/** Working states of a Tradovate order (Order.ordStatus). */
export const WORKING_STATUSES = new Set(["Working", "PendingNew", "PendingReplace", "PendingCancel", "Suspended"]);

/**
 * Tradovate `ordStatus` (Canceled, Completed, Expired, Filled, PendingCancel, PendingNew,
 * PendingReplace, Rejected, Suspended, Unknown, Working) as ours. Fills turn a working order
 * into partially filled; a cancelled or expired order is done, so with fills it reads as
 * cancelled (the fills travel in filledQty) for the pipeline to finalise.
 */
export function tradovateOrderStatus(ordStatus: string | undefined, qty?: number, filledQty?: number): OrderStatus {
  const someFilled = filledQty !== undefined && filledQty > 0;
  const partial = someFilled && (qty === undefined || filledQty < qty);
  switch (ordStatus) {
    case "Filled":
    case "Completed":
      return "filled";
    case "Canceled":
      return "cancelled";
    case "Expired":
      return someFilled ? "cancelled" : "expired";
    case "Rejected":
      return "rejected";
    case "Unknown":
    case undefined:
      return "pending";
    default:
      return partial ? "partially_filled" : "submitted";
  }
}
