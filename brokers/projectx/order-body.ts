import type { PlaceOrderRequest } from "@/brokers/types";
import { pxOrderType, PX_ORDER_TYPE, PX_SIDE } from "./enums";

/** A bracket of Order/place: a distance in ticks from the fill, and the order type to use. */
export type PxBracket = { ticks: number; type: number };

/** Body of POST /api/Order/place. */
export type PxOrderBody = {
  accountId: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: number | null;
  customTag: string;
  stopLossBracket?: PxBracket;
  takeProfitBracket?: PxBracket;
};

/**
 * Whether bracket ticks carry a sign (negative = below the entry). The Gateway docs only
 * say "number of ticks"; integrations report that the live gateway wants a stop loss
 * below a long entry as negative ticks. Default signed; PROJECTX_SIGNED_BRACKET_TICKS=false
 * sends plain distances.
 */
export function signedBracketTicks(): boolean {
  return process.env.PROJECTX_SIGNED_BRACKET_TICKS !== "false";
}

/**
 * Our order as an Order/place body, or the reason it cannot be sent. Our order id is the
 * `customTag` (the docs: unique per account). SL/TP become native brackets in ticks from a
 * reference price: the limit/stop price, or for a market order the `price` the caller
 * passes as reference (the price sizing used); without one a bracket cannot be expressed
 * and the order is refused rather than sent unprotected. A trailing stop is a
 * TrailingStop (5) bracket of distance/tickSize ticks and needs no reference.
 */
export function projectXOrderBody(order: PlaceOrderRequest, accountId: number): PxOrderBody | { refused: string } {
  const contractId = String(order.instrument.meta?.contractId ?? "");
  if (!contractId) return { refused: "the instrument was not resolved by the Topstep adapter" };
  const tick = order.instrument.tickSize;
  const body: PxOrderBody = {
    accountId,
    contractId,
    type: pxOrderType(order.type),
    side: PX_SIDE[order.side],
    size: order.qty,
    limitPrice: order.type === "limit" ? (order.price ?? null) : null,
    stopPrice: order.type === "stop" ? (order.price ?? null) : null,
    trailPrice: null,
    customTag: order.clientOrderId,
  };
  const signed = signedBracketTicks();
  const ref = order.price;
  const ticksTo = (target: number): number | { refused: string } => {
    if (ref === undefined) return { refused: "Topstep sets stop-loss/take-profit in ticks from the entry, and no reference price was given" };
    const t = Math.round((target - ref) / tick);
    if (t === 0) return { refused: `the stop-loss/take-profit at ${target} is less than one tick from the entry` };
    return signed ? t : Math.abs(t);
  };
  if (order.trailing) {
    const t = Math.max(1, Math.round(order.trailing.distance / tick));
    body.stopLossBracket = { ticks: signed && order.side === "buy" ? -t : t, type: PX_ORDER_TYPE.trailingStop };
  } else if (order.stopLoss !== undefined) {
    const t = ticksTo(order.stopLoss);
    if (typeof t !== "number") return t;
    body.stopLossBracket = { ticks: t, type: PX_ORDER_TYPE.stop };
  }
  if (order.takeProfit !== undefined) {
    const t = ticksTo(order.takeProfit);
    if (typeof t !== "number") return t;
    body.takeProfitBracket = { ticks: t, type: PX_ORDER_TYPE.limit };
  }
  return body;
}
