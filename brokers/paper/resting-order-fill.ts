import type { OrderType, Side } from "@/brokers/types";
import { marketFillPrice, type BidAsk } from "./fill-price";

/** What a working order needs to be checked against a quote. `price` is the limit or stop level. */
export type RestingOrder = { readonly side: Side; readonly type: OrderType; readonly price?: number };

/**
 * The price a working order fills at on this quote, or null while it keeps resting.
 * - limit buy: fills when ask ≤ limit, at the better (lower) of ask and limit;
 *   limit sell: when bid ≥ limit, at the higher of bid and limit.
 * - stop buy: triggers when ask ≥ stop and fills at the ask; stop sell: when bid ≤ stop,
 *   at the bid. A stop is a market order once triggered, so a gap through the level
 *   fills at the quote, not at the level.
 * - market: fills at once at the market price.
 */
export function restingOrderFill(order: RestingOrder, quote: BidAsk): number | null {
  if (order.type === "market") return marketFillPrice(order.side, quote);
  const level = order.price;
  if (level === undefined || !(level > 0)) throw new RangeError(`a ${order.type} order needs a positive price, got ${level}`);
  if (order.type === "limit") {
    if (order.side === "buy") return quote.ask <= level ? Math.min(quote.ask, level) : null;
    return quote.bid >= level ? Math.max(quote.bid, level) : null;
  }
  if (order.side === "buy") return quote.ask >= level ? quote.ask : null;
  return quote.bid <= level ? quote.bid : null;
}
