/** Trading days per year: the usual convention for annualising daily figures. */
export const TRADING_DAYS_PER_YEAR = 252;

/**
 * Annualised Sharpe ratio of daily returns with a zero risk-free rate:
 * mean ÷ sample standard deviation × √252.
 * Null when it is not defined: fewer than two returns (one return has no spread; two
 * days of equity give just one return) or zero variance (a flat curve has no risk to
 * reward). Returns must be finite.
 */
export function sharpeRatio(dailyReturns: readonly number[]): number | null {
  const n = dailyReturns.length;
  if (n < 2) return null;
  const mean = dailyReturns.reduce((s, r) => s + r, 0) / n;
  const variance = dailyReturns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1);
  // Float noise on a constant series leaves a variance around 1e-35, not 0; treat that as flat.
  if (!(variance > 1e-24)) return null;
  return (mean / Math.sqrt(variance)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}
