/**
 * A broker's maximum leverage as a quantity cap (TradeLocker 500:1, seed 000): the notional
 * of an order stays within equity × leverage, so the broker is never sent a size it refuses
 * for margin. Like the maximum quantity, it only ever rounds DOWN.
 */
import type { Instrument } from "@/brokers/types";
import { qtyUnit } from "./constrain-qty";
import { formatMoney, formatNumber } from "./format-number";
import { floorToStep } from "./round-to-step";

export type LeverageCapped = { ok: true; qty: number; note?: string } | { ok: false; reason: string };

/**
 * Caps `qty` so qty × entry × value per point ≤ equity × `maxLeverage`, on the step grid
 * (noted when it reduces); rejects when not even the minimum fits. An equity that is not
 * positive is left to the broker: a stale or not yet synced balance must not block orders.
 */
export function capToLeverage(qty: number, entryPrice: number, equity: number, maxLeverage: number, instrument: Instrument): LeverageCapped {
  if (!(equity > 0) || !Number.isFinite(equity) || !(maxLeverage > 0)) return { ok: true, qty };
  const maxNotional = equity * maxLeverage;
  const limit = floorToStep(maxNotional / (entryPrice * instrument.valuePerPoint), instrument.qtyStep);
  if (qty <= limit) return { ok: true, qty };
  const unit = qtyUnit(instrument);
  const allows = `${formatMoney(equity)} of equity at leverage ${formatNumber(maxLeverage)}:1`;
  if (limit < instrument.minQty) {
    return {
      ok: false,
      reason: `qty ${formatNumber(qty)} needs more margin than ${allows} allows (a notional of at most ${formatMoney(maxNotional)}, ${formatNumber(limit)} ${unit} of ${instrument.symbol}); the minimum is ${formatNumber(instrument.minQty)} ${unit}`,
    };
  }
  return { ok: true, qty: limit, note: `qty ${formatNumber(qty)} reduced to ${formatNumber(limit)} ${unit} for ${instrument.symbol}: ${allows} allows a notional of at most ${formatMoney(maxNotional)}` };
}
