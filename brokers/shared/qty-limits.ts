/** Quantity constraints of one instrument at one broker. */
export type QtyLimits = { minQty: number; maxQty: number; qtyStep: number };

/**
 * Combines what the broker reports with our seed limits (TradeLocker 0.01–100 lots,
 * Topstep/Tradovate 1–50 contracts): the tighter bound wins, so we never send a size the
 * product promised to refuse, nor one the broker would refuse. A broker minimum above our
 * maximum leaves min > max on purpose: sizing then rejects the order with that reason.
 */
export function combineQtyLimits(broker: Partial<QtyLimits>, seed: QtyLimits): QtyLimits {
  const positive = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined);
  const minQty = Math.max(seed.minQty, positive(broker.minQty) ?? seed.minQty);
  const maxQty = Math.min(seed.maxQty, positive(broker.maxQty) ?? seed.maxQty);
  const qtyStep = positive(broker.qtyStep) ?? seed.qtyStep;
  return { minQty, maxQty, qtyStep };
}
