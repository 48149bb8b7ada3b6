/**
 * A number as a trader should read it in a message: float noise removed
 * (0.30000000000000004 → "0.3"), no exponent for the sizes and prices we deal in.
 */
export function formatNumber(n: number): string {
  const clean = Number(n.toPrecision(10));
  // Near the double limit 10 digits round up to Infinity, and below 1e-12 toFixed(12) is all
  // zeros ("0."): such values are bad input, shown as they are.
  if (!Number.isFinite(clean)) return String(n);
  if (Math.abs(clean) >= 1e-6 || clean === 0 || Math.abs(clean) < 1e-12) return String(clean);
  return clean.toFixed(12).replace(/0+$/, "");
}

/** Money in the account currency, for risk amounts in messages. */
export function formatMoney(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
