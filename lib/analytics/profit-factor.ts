/** Sum of winning P&L and sum of losing P&L as a positive amount. */
export function grossProfitLoss(pnls: readonly number[]): { grossProfit: number; grossLoss: number } {
  let grossProfit = 0;
  let grossLoss = 0;
  for (const p of pnls) {
    if (p > 0) grossProfit += p;
    else if (p < 0) grossLoss -= p;
  }
  return { grossProfit, grossLoss };
}

/**
 * Gross profit ÷ gross loss.
 * - losers only → 0;
 * - winners but no losers → `Infinity` (the ratio is unbounded; JSON has no ∞, so the API
 *   sends null there — and a null with a positive net P&L therefore means "no losing trades");
 * - neither winners nor losers (no trades, or only breakevens) → null.
 */
export function profitFactor(pnls: readonly number[]): number | null {
  const { grossProfit, grossLoss } = grossProfitLoss(pnls);
  if (grossLoss === 0) return grossProfit > 0 ? Number.POSITIVE_INFINITY : null;
  return grossProfit / grossLoss;
}
