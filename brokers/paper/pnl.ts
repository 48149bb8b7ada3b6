import type { Side } from "@/brokers/types";

/**
 * Money rounded to the cent, symmetrically (−1.005 and 1.005 round to the same size), so a
 * long's profit is exactly the short's loss. toPrecision(15) first strips binary noise
 * such as 1.005 × 100 = 100.49999999999999.
 */
export function roundMoney(amount: number): number {
  const cents = Math.round(Number((Math.abs(amount) * 100).toPrecision(15)));
  return cents === 0 ? 0 : (Math.sign(amount) * cents) / 100;
}

/**
 * Profit (positive) or loss (negative) of a position of `qty` lots/contracts from entry to
 * exit, in account currency: price change × direction × qty × valuePerPoint (USD per 1.0
 * move per lot, see Instrument). A long gains when the price rises, a short when it falls.
 * Used for realised P&L on close and, with the exit price of a quote, for unrealised P&L.
 */
export function positionPnl(side: Side, entryPrice: number, exitPrice: number, qty: number, valuePerPoint: number): number {
  const direction = side === "buy" ? 1 : -1;
  return roundMoney((exitPrice - entryPrice) * direction * qty * valuePerPoint);
}
