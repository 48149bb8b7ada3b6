/**
 * The share of trades that made money, as a fraction 0..1 (0.6 = 60 %).
 * Breakeven trades (P&L exactly 0) count as trades but not as wins, so they lower the
 * rate: a scratch is not a win. Null when there are no trades (0 of 0 is not 0 %).
 */
export function winRate(pnls: readonly number[]): number | null {
  if (pnls.length === 0) return null;
  return pnls.filter((p) => p > 0).length / pnls.length;
}
