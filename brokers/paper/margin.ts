import type { Instrument, InstrumentKind } from "@/brokers/types";
import { findInstrument } from "@/lib/market/instruments";
import { formatMoney } from "@/lib/sizing/format-number";
import { freeMargin } from "./equity";
import { roundMoney } from "./pnl";

/**
 * Leverage the paper broker grants per kind of instrument: 1:100 on FX as retail FX
 * brokers commonly offer, less on more volatile assets. Futures at 1:20 / 1:10 land near
 * exchange day-trading margins (ES ≈ USD 12,500 at 5,000).
 */
export const DEFAULT_LEVERAGE: Readonly<Record<InstrumentKind, number>> = Object.freeze({
  fx: 100,
  metal: 20,
  index: 20,
  index_future: 20,
  future: 10,
  crypto: 2,
  stock: 5,
});

/**
 * USD value of a position: price × qty × valuePerPoint. Because valuePerPoint is USD per
 * 1.0 move per lot, this is right for every kind: EURUSD 1.085 × 100,000 = USD 108,500 a
 * lot; USDJPY 150 × (100,000 / 150) = USD 100,000; ES 5,000 × 50 = USD 250,000.
 */
export function notional(instrument: Pick<Instrument, "valuePerPoint">, price: number, qty: number): number {
  return Math.abs(qty) * price * instrument.valuePerPoint;
}

/**
 * Margin a position ties up: notional / leverage, to the cent. `leverage` is one number for this
 * instrument, or a per-kind table overriding DEFAULT_LEVERAGE.
 */
export function requiredMargin(
  instrument: Pick<Instrument, "kind" | "valuePerPoint">,
  price: number,
  qty: number,
  leverage: number | Partial<Record<InstrumentKind, number>> = DEFAULT_LEVERAGE,
): number {
  const ratio = typeof leverage === "number" ? leverage : (leverage[instrument.kind] ?? DEFAULT_LEVERAGE[instrument.kind]);
  if (!(ratio > 0)) throw new RangeError(`leverage must be positive, got ${ratio}`);
  return roundMoney(notional(instrument, price, qty) / ratio);
}

/** Margin a paper position of `qty` in `symbol` ties up at `price` (0 for a symbol outside the catalog). */
export function positionMargin(symbol: string, price: number, qty: number, valuePerPoint: number): number {
  const entry = findInstrument(symbol);
  return entry && qty > 0 ? requiredMargin({ kind: entry.kind, valuePerPoint }, price, qty) : 0;
}

/**
 * The paper broker's margin check for an order adding `addedQty` of exposure: refused
 * (with the figures) when its margin exceeds free margin, equity − margin in use, as a
 * broker refuses for insufficient margin; null when it fits or adds nothing.
 */
export function marginRefusal(
  account: { equity: number; margin: number },
  order: { symbol: string; price: number; addedQty: number; valuePerPoint: number },
): string | null {
  if (!(order.addedQty > 0)) return null;
  const needed = positionMargin(order.symbol, order.price, order.addedQty, order.valuePerPoint);
  const free = freeMargin(account.equity, account.margin);
  if (needed <= free) return null;
  return `Not enough free margin: ${order.addedQty} ${order.symbol} needs ${formatMoney(needed)}, and ${formatMoney(Math.max(0, free))} is free (equity ${formatMoney(account.equity)} − margin in use ${formatMoney(account.margin)}).`;
}
