/**
 * Net-position arithmetic shared by the fakes: a fill either adds to a position (the
 * average price moves), reduces it (profit is realised on the closed part), or flips it.
 */
import { round } from "./fake-kit";

/** `qty` is signed: positive long, negative short. */
export type NetPosition = { qty: number; avgPrice: number };

export type FillOutcome = {
  /** The position after the fill; undefined when it is flat. */
  position: NetPosition | undefined;
  /** Realised profit in price units × quantity (the broker multiplies by its contract value). */
  realized: number;
  /** Quantity of the old position that the fill closed. */
  closedQty: number;
};

/** Applies a fill of `signedQty` at `price` to `current`. */
export function applyFill(current: NetPosition | undefined, signedQty: number, price: number): FillOutcome {
  const before = current ?? { qty: 0, avgPrice: 0 };
  const after = round(before.qty + signedQty);
  if (before.qty === 0 || Math.sign(before.qty) === Math.sign(signedQty)) {
    const avgPrice = round((before.avgPrice * Math.abs(before.qty) + price * Math.abs(signedQty)) / Math.abs(after));
    return { position: { qty: after, avgPrice }, realized: 0, closedQty: 0 };
  }
  const closedQty = Math.min(Math.abs(before.qty), Math.abs(signedQty));
  const realized = round((price - before.avgPrice) * closedQty * Math.sign(before.qty));
  if (after === 0) return { position: undefined, realized, closedQty };
  // Reduced keeps the old average; flipped opens the remainder at the fill price.
  const avgPrice = Math.sign(after) === Math.sign(before.qty) ? before.avgPrice : price;
  return { position: { qty: after, avgPrice }, realized, closedQty };
}
