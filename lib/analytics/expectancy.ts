/** The mean P&L per trade (what one more trade is worth on this record); null without trades. */
export function expectancy(pnls: readonly number[]): number | null {
  if (pnls.length === 0) return null;
  return pnls.reduce((s, p) => s + p, 0) / pnls.length;
}
