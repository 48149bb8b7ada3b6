/**
 * The quantity a qty mode asks for, before instrument constraints. Risk modes size so that
 * hitting the stop loses the requested amount: qty = risk / (stop distance × value per point).
 */
import type { QTY_MODES } from "@/lib/intake/schemas";
import { formatMoney, formatNumber } from "./format-number";

export type QtyMode = (typeof QTY_MODES)[number];

export type RequestedQtyInput = {
  mode: QtyMode;
  /** Lots for fixed, percent for risk_pct / pct_equity, account currency for risk_usd / cash. */
  amount: number;
  equity: number;
  entryPrice: number;
  /** Distance from entry to stop loss in price units; required by the risk modes. */
  stopDistance?: number;
  valuePerPoint: number;
};

export type RequestedQty = { ok: true; qty: number; requestedRisk?: number } | { ok: false; reason: string };

/** Computes the unconstrained quantity for a qty mode; `requestedRisk` is set for risk modes. */
export function requestedQty(input: RequestedQtyInput): RequestedQty {
  const { mode, amount, equity, entryPrice, stopDistance, valuePerPoint } = input;
  if (!(amount > 0) || !Number.isFinite(amount)) return { ok: false, reason: `the ${mode} amount ${formatNumber(amount)} must be greater than 0` };
  if (mode === "fixed") return { ok: true, qty: amount };

  if ((mode === "risk_pct" || mode === "pct_equity") && !(equity > 0)) {
    return { ok: false, reason: `qty_mode ${mode} needs the account equity, which is ${formatMoney(equity)}` };
  }
  if (mode === "risk_pct" && amount > 100) return { ok: false, reason: `risk_pct ${formatNumber(amount)} is more than 100% of equity` };

  if (mode === "risk_pct" || mode === "risk_usd") {
    if (stopDistance === undefined || !(stopDistance > 0)) {
      return { ok: false, reason: `qty_mode ${mode} needs a stop loss to size from: add sl to the alert or set sl_percentage in the trading config` };
    }
    const requestedRisk = mode === "risk_pct" ? (equity * amount) / 100 : amount;
    return { ok: true, qty: requestedRisk / (stopDistance * valuePerPoint), requestedRisk };
  }

  // cash and pct_equity buy a notional: price × value per point is the notional of one unit.
  const notionalPerUnit = entryPrice * valuePerPoint;
  const cash = mode === "cash" ? amount : (equity * amount) / 100;
  return { ok: true, qty: cash / notionalPerUnit };
}
