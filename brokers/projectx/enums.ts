import type { OrderStatus, OrderType, Side } from "@/brokers/types";

/** Order/place `type` (Gateway docs): 1 Limit, 2 Market, 4 Stop, 5 TrailingStop, 6 JoinBid, 7 JoinAsk. */
export const PX_ORDER_TYPE = { limit: 1, market: 2, stop: 4, trailingStop: 5, joinBid: 6, joinAsk: 7 } as const;

/** Order/place `side`: 0 Bid (buy), 1 Ask (sell). */
export const PX_SIDE = { buy: 0, sell: 1 } as const;

/** Our order type as ProjectX's. */
export function pxOrderType(type: OrderType): number {
  return PX_ORDER_TYPE[type];
}

/** ProjectX's side as ours. */
export function sideFromPx(side: number | undefined): Side {
  return side === PX_SIDE.sell ? "sell" : "buy";
}

/** ProjectX's order type as ours (stop-like types read as stop, join orders as limit). */
export function orderTypeFromPx(type: number | undefined): OrderType {
  if (type === PX_ORDER_TYPE.market) return "market";
  if (type === PX_ORDER_TYPE.stop || type === PX_ORDER_TYPE.trailingStop) return "stop";
  return "limit";
}

/**
 * Order `status` (Gateway realtime docs, OrderStatus): 0 None, 1 Open, 2 Filled,
 * 3 Cancelled, 4 Expired, 5 Rejected, 6 Pending. An open order with some volume filled is
 * partially filled; a cancelled or expired one is done, so with fills it reads as cancelled
 * (its fillVolume kept) for the pipeline to finalise.
 */
export function orderStatusFromPx(status: number | undefined, size?: number, fillVolume?: number): OrderStatus {
  const someFilled = fillVolume !== undefined && fillVolume > 0;
  const partial = someFilled && size !== undefined && fillVolume < size;
  switch (status) {
    case 2:
      return "filled";
    case 3:
      return "cancelled";
    case 4:
      return someFilled ? "cancelled" : "expired";
    case 5:
      return "rejected";
    case 6:
      return "pending";
    case 1:
      return partial ? "partially_filled" : "submitted";
    default:
      return "pending";
  }
}

/** Position `type`: 1 long, 2 short (from the ProjectX SDK; the REST reference does not list it). */
export function positionSideFromPx(type: number | undefined): Side {
  return type === 2 ? "sell" : "buy";
}
