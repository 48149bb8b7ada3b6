/**
 * Fits a requested quantity to an instrument's min / max / step. Only ever rounds DOWN: a
 * quantity the trader did not ask for is never sent, and what cannot be met is rejected.
 */
import type { Instrument } from "@/brokers/types";
import { formatNumber } from "./format-number";
import { floorToStep, isMultipleOfStep } from "./round-to-step";

export type ConstrainedQty = { ok: true; qty: number; adjustments: string[] } | { ok: false; reason: string };

/** What one unit of qty is called for this instrument, for messages ("lots", "contracts"). */
export function qtyUnit(instrument: Pick<Instrument, "kind">): string {
  if (instrument.kind === "future" || instrument.kind === "index_future") return "contracts";
  if (instrument.kind === "stock") return "shares";
  return "lots";
}

/**
 * Clamps `qty` down to `maxQty` (on the step grid), else rounds it down to a multiple of
 * `qtyStep` (either noted in `adjustments`), and rejects it when the result is below `minQty`.
 */
export function constrainQty(qty: number, instrument: Instrument): ConstrainedQty {
  const unit = qtyUnit(instrument);
  const name = instrument.symbol;
  if (!Number.isFinite(qty) || qty <= 0) {
    return { ok: false, reason: `qty ${formatNumber(qty)} is not a positive quantity of ${unit} for ${name}` };
  }
  // The max itself may sit off the step grid in broker data; the clamp stays on the grid.
  const max = floorToStep(instrument.maxQty, instrument.qtyStep);
  if (max < instrument.minQty) {
    return { ok: false, reason: `${name} cannot be traded here: its maximum ${formatNumber(max)} ${unit} is below its minimum ${formatNumber(instrument.minQty)}` };
  }
  const adjustments: string[] = [];
  let result: number;
  if (qty > max) {
    // Clamped before rounding: a huge request (1e306) counted in steps would overflow to Infinity.
    result = max;
    adjustments.push(`qty ${formatNumber(qty)} reduced to the maximum ${formatNumber(max)} ${unit} for ${name}`);
  } else {
    result = floorToStep(qty, instrument.qtyStep);
    if (result !== qty && !isMultipleOfStep(qty, instrument.qtyStep)) {
      adjustments.push(`qty ${formatNumber(qty)} rounded down to ${formatNumber(result)} (step ${formatNumber(instrument.qtyStep)} ${unit})`);
    }
  }
  if (result < instrument.minQty || result <= 0) {
    return { ok: false, reason: `qty ${formatNumber(qty)} is below the minimum ${formatNumber(instrument.minQty)} ${unit} for ${name}` };
  }
  return { ok: true, qty: result, adjustments };
}
