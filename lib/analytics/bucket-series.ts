// Bucket widths that read well on a time axis, in seconds: 1 s … 1 year.
const NICE_STEPS = [
  1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600, 2_592_000, 7_776_000, 31_536_000,
];

/**
 * The narrowest "nice" bucket width (seconds) that splits a span of spanMs into at most
 * maxPoints − 1 buckets, leaving room for the point that opens the range. Spans longer
 * than maxPoints years fall back to whole years.
 */
export function bucketSeconds(spanMs: number, maxPoints: number): number {
  const buckets = Math.max(1, maxPoints - 1);
  // Epoch-aligned buckets can straddle the span's edges: one extra bucket at most.
  return NICE_STEPS.find((s) => Math.ceil(spanMs / (s * 1000)) + 1 <= buckets) ?? NICE_STEPS[NICE_STEPS.length - 1];
}

/**
 * Keeps the last point of each epoch-aligned bucket of stepSeconds (points in time
 * order), with its real timestamp: the value a curve closes each bucket at.
 */
export function lastPerBucket<P extends { t: number }>(points: readonly P[], stepSeconds: number): P[] {
  const stepMs = stepSeconds * 1000;
  const out: P[] = [];
  for (let i = 0; i < points.length; i++) {
    const next = points[i + 1];
    if (next && Math.floor(next.t / stepMs) === Math.floor(points[i].t / stepMs)) continue;
    out.push(points[i]);
  }
  return out;
}
