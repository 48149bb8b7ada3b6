import type { Side } from "@/brokers/types";
import { positionPnl } from "@/brokers/paper/pnl";

/** An open position in one symbol (netting: one per account and symbol). */
export type NetPosition = { side: Side; qty: number; entryPrice: number };

export type Fill = { side: Side; qty: number; price: number };

export type NetResult = {
  /** The position after the fill; null when the fill closed it flat. */
  position: NetPosition | null;
  /** Quantity of the old position that the fill closed. */
  closedQty: number;
  /** Realised P&L of the closed part, in account currency. */
  realizedPnl: number;
  /** True when the fill closed the old position and opened the other side. */
  flipped: boolean;
};

// Quantities are lots with at most 6 decimals (numeric(20,6)); compare on that grid.
const EPS = 1e-9;
const q6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Applies a fill to a netted position: opens, adds (volume-weighted entry), reduces,
 * closes or flips it, and computes the realised P&L of whatever was closed.
 * valuePerPoint is money per 1.0 price move per unit of qty.
 */
export function netFill(position: NetPosition | null, fill: Fill, valuePerPoint: number): NetResult {
  if (!position || position.qty <= EPS) {
    return { position: { side: fill.side, qty: q6(fill.qty), entryPrice: fill.price }, closedQty: 0, realizedPnl: 0, flipped: false };
  }
  if (fill.side === position.side) {
    const qty = q6(position.qty + fill.qty);
    const entryPrice = (position.entryPrice * position.qty + fill.price * fill.qty) / qty;
    return { position: { side: position.side, qty, entryPrice }, closedQty: 0, realizedPnl: 0, flipped: false };
  }
  const closedQty = q6(Math.min(position.qty, fill.qty));
  const realizedPnl = positionPnl(position.side, position.entryPrice, fill.price, closedQty, valuePerPoint);
  const remainingOld = q6(position.qty - closedQty);
  const remainingFill = q6(fill.qty - closedQty);
  if (remainingOld > EPS) return { position: { ...position, qty: remainingOld }, closedQty, realizedPnl, flipped: false };
  if (remainingFill > EPS) {
    return { position: { side: fill.side, qty: remainingFill, entryPrice: fill.price }, closedQty, realizedPnl, flipped: true };
  }
  return { position: null, closedQty, realizedPnl, flipped: false };
}
