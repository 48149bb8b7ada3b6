/** The deepest fall from a running peak: in money and in percent of that peak. */
export type MaxDrawdown = { amount: number; pct: number };

/**
 * Maximum drawdown of an equity series (in time order): the largest drop from any earlier
 * peak, as a positive amount (0 when the curve never falls) and as a percentage of the
 * peak it fell from (5 = 5 %). The two maxima are taken separately — the deepest dip in
 * money can come after a bigger peak than the deepest dip in percent. Peaks at or below 0
 * have no meaningful percentage and only count towards the amount.
 */
export function maxDrawdown(equity: readonly number[]): MaxDrawdown {
  let peak = Number.NEGATIVE_INFINITY;
  let amount = 0;
  let pct = 0;
  for (const v of equity) {
    if (v > peak) peak = v;
    const drop = peak - v;
    if (drop > amount) amount = drop;
    if (peak > 0 && (drop / peak) * 100 > pct) pct = (drop / peak) * 100;
  }
  return { amount, pct };
}
