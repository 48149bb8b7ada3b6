/**
 * Rounds for the API: money to cents, ratios and percentages to 4 decimals — no float noise
 * on the wire. Halves round away from zero, so a loss rounds like the same gain (−50.125 →
 * −50.13, not −50.12), and on the number's shortest decimal form, the one a trader reads:
 * 1.005 is a half (→ 1.01) although its binary value is a hair below it.
 */
export const roundMoney = (n: number): number => roundHalfAway(n, 2);
export const roundRatio = (n: number): number => roundHalfAway(n, 4);

function roundHalfAway(n: number, digits: number): number {
  if (!Number.isFinite(n)) return n;
  const abs = Math.abs(n);
  const text = String(abs);
  // Shifting the decimal point in the text keeps 1.005 a half; ×100 in binary makes it 100.49999….
  const shifted = text.includes("e") ? abs * 10 ** digits : Number(`${text}e${digits}`);
  const whole = Math.round(shifted);
  // Past 1e21 String() writes an exponent; such a number has no fraction left to round.
  const rounded = String(whole).includes("e") ? n : Number(`${whole}e-${digits}`);
  return rounded === 0 ? 0 : Math.sign(n) * Math.abs(rounded);
}

/** Rounds a nullable ratio; ±∞ becomes null because JSON has no infinity (see profitFactor). */
export function finiteRatio(n: number | null): number | null {
  return n === null || !Number.isFinite(n) ? null : roundRatio(n);
}
