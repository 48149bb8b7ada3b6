import type { Side } from "@/brokers/types";
import { roundTo, tickDecimals } from "@/lib/market/instruments";
import { exitPrice, type BidAsk } from "./fill-price";

/**
 * The trailing stop after this quote: `distance` behind the price the position would exit
 * at (bid for a long, ask for a short), but never looser than `current` — a trailing stop
 * only ever tightens. With a tick size the new level is rounded away from the price
 * (down for a long, up for a short) so rounding never moves it closer than `distance`.
 */
export function ratchetTrailingStop(side: Side, quote: BidAsk, distance: number, current?: number, tickSize?: number): number {
  if (!(distance > 0)) throw new RangeError(`trailing distance must be positive, got ${distance}`);
  const raw = side === "buy" ? exitPrice(side, quote) - distance : exitPrice(side, quote) + distance;
  const candidate = tickSize ? roundAway(raw, tickSize, side) : raw;
  if (current === undefined) return candidate;
  return side === "buy" ? Math.max(current, candidate) : Math.min(current, candidate);
}

function roundAway(price: number, tickSize: number, side: Side): number {
  // The epsilon keeps a level already on tick (up to float noise) where it is.
  const ticks = price / tickSize;
  const whole = side === "buy" ? Math.floor(ticks + 1e-9) : Math.ceil(ticks - 1e-9);
  return roundTo(whole * tickSize, tickDecimals(tickSize));
}
