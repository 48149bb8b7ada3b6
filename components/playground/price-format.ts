import { formatNumber } from "@/lib/format/money";

/** Decimal places of a step such as a tick size (0.00001 → 5, 0.25 → 2, 1 → 0). */
export function decimalsOf(step: number | undefined): number {
  if (!step || !Number.isFinite(step)) return 5;
  const text = step.toExponential();
  const [mantissa, exp] = text.split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exp));
}

/** A price on the instrument's tick grid, e.g. "1.10964" (Intl, fixed decimals). */
export function formatPrice(value: number, tickSize?: number): string {
  const d = decimalsOf(tickSize);
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** A stop or target distance, in pips where a pip is bigger than a tick (FX), else in price points. */
export function formatDistance(distance: number, tickSize?: number, pipSize?: number): string {
  if (pipSize && tickSize && pipSize > tickSize) return `${formatNumber(distance / pipSize, 1)} pips`;
  return `${formatPrice(distance, tickSize)} points`;
}
