import type { Side } from "@/brokers/types";
import { exitPrice, type BidAsk } from "./fill-price";
import { exitTrigger, type ExitTrigger } from "./exit-trigger";
import { positionPnl } from "./pnl";
import { ratchetTrailingStop } from "./trailing-stop";

/** An open paper position as the tick loop holds it. */
export type PaperPosition = {
  readonly side: Side;
  readonly qty: number;
  readonly entryPrice: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  /** Trailing distance in price units, when the position trails. */
  readonly trailingDistance?: number;
  /** The trailing stop level reached so far (undefined before the first quote after entry). */
  readonly trailingStop?: number;
};

/** What one quote does to an open position. */
export type PositionMark = {
  /** The price the position would exit at now (bid for a long, ask for a short). */
  markPrice: number;
  /** P&L at markPrice; equals the realised P&L when `exit` is set. */
  unrealizedPnl: number;
  /** The trailing stop to store after this quote (unchanged or tighter). */
  trailingStop?: number;
  /** Set when this quote closes the position; the tick loop then closes it at exit.price. */
  exit: ExitTrigger | null;
};

/**
 * One tick of an open position: checks SL/TP/trailing against the quote, then ratchets
 * the trailing stop. The exit check uses the trailing level from before this quote — the
 * level just ratcheted sits `distance` behind the current price and cannot be hit by it.
 */
export function markPosition(position: PaperPosition, quote: BidAsk, valuePerPoint: number, tickSize?: number): PositionMark {
  const exit = exitTrigger(position, quote);
  const markPrice = exit ? exit.price : exitPrice(position.side, quote);
  const trailingStop =
    position.trailingDistance !== undefined && !exit
      ? ratchetTrailingStop(position.side, quote, position.trailingDistance, position.trailingStop, tickSize)
      : position.trailingStop;
  return {
    markPrice,
    unrealizedPnl: positionPnl(position.side, position.entryPrice, markPrice, position.qty, valuePerPoint),
    trailingStop,
    exit,
  };
}
