/**
 * Step arithmetic for quantities and prices. Binary floating point cannot hold 0.1 or
 * 0.01, so 0.1 + 0.2 is 0.30000000000000004 and 0.3 / 0.1 is 2.9999999999999996: a naive
 * Math.floor(x / step) * step turns a requested 0.3 lots into 0.2. We count whole steps
 * (snapping a count that is within float noise of an integer) and rebuild the value from
 * integers so results print as clean decimals.
 */

// A count this close to an integer is float noise, not intent: a billionth of a step, plus
// a relative part because a double's error grows with the count (2,000,000 ticks of 0.00001).
const SNAP_STEPS = 1e-9;
const SNAP_RELATIVE = 1e-12;

/** Decimal places needed to write `step` exactly (0.01 → 2, 0.25 → 2, 1e-7 → 7, 5 → 0). */
export function stepDecimals(step: number): number {
  const [mantissa, exponent] = String(step).toLowerCase().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

type Direction = "floor" | "ceil" | "nearest";

/** How many whole steps fit in `value`, rounded in `direction` after snapping float noise. */
export function stepsIn(value: number, step: number, direction: Direction): number {
  assertStep(step);
  const n = value / step;
  const nearest = Math.round(n);
  if (Math.abs(n - nearest) <= SNAP_STEPS + SNAP_RELATIVE * Math.abs(n)) return nearest;
  if (direction === "floor") return Math.floor(n);
  if (direction === "ceil") return Math.ceil(n);
  return nearest;
}

/** `count` steps as a number, computed from integers (3 × 0.1 → 0.3, not 0.30000000000000004). */
export function fromSteps(count: number, step: number): number {
  const scale = 10 ** stepDecimals(step);
  return (count * Math.round(step * scale)) / scale;
}

/** The largest multiple of `step` not above `value` (0.1 + 0.2 floors to 0.3). */
export function floorToStep(value: number, step: number): number {
  return fromSteps(stepsIn(value, step, "floor"), step);
}

/** The smallest multiple of `step` not below `value`. */
export function ceilToStep(value: number, step: number): number {
  return fromSteps(stepsIn(value, step, "ceil"), step);
}

/** The nearest multiple of `step`. */
export function roundToStep(value: number, step: number): number {
  return fromSteps(stepsIn(value, step, "nearest"), step);
}

/** Whether `value` is a whole number of steps (up to float noise). */
export function isMultipleOfStep(value: number, step: number): boolean {
  return stepsIn(value, step, "floor") === stepsIn(value, step, "ceil");
}

function assertStep(step: number): void {
  // A zero or negative step is a bug in instrument data, not a trader error: fail loudly.
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`step must be a positive finite number, got ${step}`);
}
