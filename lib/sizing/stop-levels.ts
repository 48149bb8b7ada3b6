/**
 * Stop-loss, take-profit and trailing distances from the intent's modes, on the instrument's
 * tick grid. Levels are rounded TOWARD the entry: a tighter stop never risks more than asked,
 * and a nearer target is never one the trader did not ask to reach.
 */
import type { Instrument, Side } from "@/brokers/types";
import type { Intent } from "@/lib/intake/schemas";
import { formatNumber } from "./format-number";
import { ceilToStep, floorToStep, isMultipleOfStep } from "./round-to-step";

type SlSpec = NonNullable<Intent["sl"]>;
type TpSpec = NonNullable<Intent["tp"]>;
type TrailingSpec = NonNullable<Intent["trailing"]>;
type Tick = Pick<Instrument, "tickSize" | "pipSize">;

/** A price level, or why it cannot be placed; `note` says when rounding moved it. */
export type LevelResult = { ok: true; price: number; note?: string } | { ok: false; reason: string };

/**
 * Price distance of a relative spec. `points` are whole price units (1 point = a 1.0 move
 * in price: 20 points on MNQ is 20.0, on EURUSD 20.0 too, so FX traders want pips);
 * `pips` are `value × pipSize`; `pct` is a percentage of the entry.
 */
export function priceOffset(mode: "pips" | "points" | "pct", value: number, entry: number, instrument: Tick): number {
  if (mode === "pips") return value * instrument.pipSize;
  if (mode === "points") return value;
  return (entry * value) / 100;
}

/** The stop-loss price for a position opened at `entry`: below it for a buy, above for a sell. */
export function stopLossPrice(spec: SlSpec, side: Side, entry: number, instrument: Tick): LevelResult {
  const raw = spec.mode === "price" ? spec.value : entry - direction(side) * priceOffset(spec.mode, spec.value, entry, instrument);
  return placeLevel("stop loss", raw, side === "buy" ? "below" : "above", entry, instrument.tickSize);
}

/**
 * The take-profit price: above the entry for a buy, below for a sell. Mode `rr` is a
 * multiple of the (already rounded) stop distance, so it needs a stop.
 */
export function takeProfitPrice(spec: TpSpec, side: Side, entry: number, instrument: Tick, stopDistance?: number): LevelResult {
  let raw: number;
  if (spec.mode === "price") raw = spec.value;
  else if (spec.mode === "rr") {
    if (stopDistance === undefined) return { ok: false, reason: "take profit mode rr (a multiple of the stop distance) needs a stop loss" };
    raw = entry + direction(side) * spec.value * stopDistance;
  } else raw = entry + direction(side) * priceOffset(spec.mode, spec.value, entry, instrument);
  return placeLevel("take profit", raw, side === "buy" ? "above" : "below", entry, instrument.tickSize);
}

/** A trailing stop's price distance, rounded down to the tick (a tighter trail risks less). */
export function trailingDistance(spec: TrailingSpec, entry: number, instrument: Tick): { ok: true; distance: number } | { ok: false; reason: string } {
  const raw = priceOffset(spec.mode, spec.value, entry, instrument);
  const distance = floorToStep(raw, instrument.tickSize);
  if (!Number.isFinite(distance)) {
    return { ok: false, reason: `trailing distance ${formatNumber(raw)} is too large to place on the tick grid (${formatNumber(instrument.tickSize)})` };
  }
  if (distance <= 0) {
    return { ok: false, reason: `trailing distance ${formatNumber(raw)} is less than one tick (${formatNumber(instrument.tickSize)})` };
  }
  return { ok: true, distance };
}

function direction(side: Side): 1 | -1 {
  return side === "buy" ? 1 : -1;
}

function placeLevel(name: string, raw: number, where: "above" | "below", entry: number, tick: number): LevelResult {
  if (!Number.isFinite(raw) || raw <= 0) {
    return { ok: false, reason: `${name} would be at ${formatNumber(raw)}, which is not a valid price` };
  }
  const wrongSide = where === "below" ? raw >= entry : raw <= entry;
  if (wrongSide) {
    return { ok: false, reason: `${name} ${formatNumber(raw)} must be ${where} the entry ${formatNumber(entry)} for this side` };
  }
  // Toward the entry: up when the level sits below it, down when above.
  const price = where === "below" ? ceilToStep(raw, tick) : floorToStep(raw, tick);
  // A finite but huge level (1e305) overflows when counted in ticks.
  if (!Number.isFinite(price)) {
    return { ok: false, reason: `${name} would be at ${formatNumber(raw)}, which is not a valid price` };
  }
  if (where === "below" ? price >= entry : price <= entry) {
    return { ok: false, reason: `${name} ${formatNumber(raw)} is less than one tick (${formatNumber(tick)}) from the entry ${formatNumber(entry)}` };
  }
  const note = isMultipleOfStep(raw, tick) ? undefined : `${name} ${formatNumber(raw)} rounded toward the entry to ${formatNumber(price)} (tick ${formatNumber(tick)})`;
  return { ok: true, price, note };
}
