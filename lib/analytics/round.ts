/** Rounds for the API: money to cents, ratios and percentages to 4 decimals — no float noise on the wire. */
export const roundMoney = (n: number): number => Math.round(n * 100) / 100 + 0;
export const roundRatio = (n: number): number => Math.round(n * 10_000) / 10_000 + 0;

/** Rounds a nullable ratio; ±∞ becomes null because JSON has no infinity (see profitFactor). */
export function finiteRatio(n: number | null): number | null {
  return n === null || !Number.isFinite(n) ? null : roundRatio(n);
}
