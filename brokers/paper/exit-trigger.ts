import type { Side } from "@/brokers/types";
import { exitPrice, type BidAsk } from "./fill-price";

/** Which protective level closed a position. */
export type ExitReason = "stop_loss" | "take_profit" | "trailing_stop";

/** The protective levels of an open position. */
export type ProtectedPosition = {
  readonly side: Side;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  /** The current trailing stop level (see ratchetTrailingStop), not the distance. */
  readonly trailingStop?: number;
};

/** A position closing on a quote: why, and the price it fills at. */
export type ExitTrigger = { reason: ExitReason; price: number };

/**
 * Whether this quote closes the position, why, and at what price. Levels are checked
 * against the price the position exits at — bid for a long, ask for a short — and the
 * exit fills at that quote, not at the level: a gap through a stop loses more, a gap
 * through a take-profit gains more, as at a real broker.
 *
 * When one quote crosses several levels, the one price would have reached first wins:
 * of two stops, the tighter one (for a long the higher); between a stop and a take-profit
 * (only possible when the levels overlap) the stop, the conservative reading. Equal stop
 * levels report "stop_loss".
 */
export function exitTrigger(position: ProtectedPosition, quote: BidAsk): ExitTrigger | null {
  const long = position.side === "buy";
  const price = exitPrice(position.side, quote);
  const stops: [ExitReason, number | undefined][] = [
    ["stop_loss", position.stopLoss],
    ["trailing_stop", position.trailingStop],
  ];
  let hit: { reason: ExitReason; level: number } | null = null;
  for (const [reason, level] of stops) {
    if (level === undefined || (long ? price > level : price < level)) continue;
    if (!hit || (long ? level > hit.level : level < hit.level)) hit = { reason, level };
  }
  if (hit) return { reason: hit.reason, price };
  const tp = position.takeProfit;
  if (tp !== undefined && (long ? price >= tp : price <= tp)) return { reason: "take_profit", price };
  return null;
}
