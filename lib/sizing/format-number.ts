/**
 * A number as a trader should read it in a message: float noise removed
 * (0.30000000000000004 → "0.3"), no exponent for the sizes and prices we deal in.
 */
export function formatNumber(n: number): string {
  const clean = Number(n.toPrecision(10));
  return Math.abs(clean) >= 1e-6 || clean === 0 ? String(clean) : clean.toFixed(12).replace(/0+$/, "");
}

/** Money in the account currency, for risk amounts in messages. */
export function formatMoney(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
