import type { Side } from "@/brokers/types";

/** The two prices a fill can happen at. A `Quote` from the price feed fits. */
export type BidAsk = { readonly bid: number; readonly ask: number };

/** Price a market order fills at: buys pay the ask, sells receive the bid. */
export function marketFillPrice(side: Side, quote: BidAsk): number {
  return side === "buy" ? quote.ask : quote.bid;
}

/**
 * Price a position exits at: a long is closed by selling (bid), a short by buying (ask).
 * P&L marks use the same price, so an open position shows what closing it would realise.
 */
export function exitPrice(positionSide: Side, quote: BidAsk): number {
  return positionSide === "buy" ? quote.bid : quote.ask;
}
