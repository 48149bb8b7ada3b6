/** Bucket counts of one Prometheus histogram, summed over its label sets matching a filter. */
export function histogramBuckets(metricsText: string, name: string, labelFilter: (labels: string) => boolean): Map<number, number> {
  const buckets = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)$`, "gm");
  for (const m of metricsText.matchAll(re)) {
    if (!labelFilter(m[1])) continue;
    const le = /le="([^"]+)"/.exec(m[1])?.[1];
    if (!le) continue;
    const bound = le === "+Inf" ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(m[2]));
  }
  return buckets;
}

/** The difference of two cumulative bucket snapshots (what one run added). */
export function diffBuckets(after: Map<number, number>, before: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [le, n] of after) out.set(le, n - (before.get(le) ?? 0));
  return out;
}

/** A quantile from cumulative buckets, interpolated linearly inside the bucket (as Prometheus does). */
export function quantile(buckets: Map<number, number>, q: number): number | null {
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const total = sorted[sorted.length - 1]?.[1] ?? 0;
  if (!total) return null;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return prevBound;
      const inBucket = count - prevCount;
      return prevBound + (bound - prevBound) * (inBucket ? (rank - prevCount) / inBucket : 0);
    }
    prevBound = bound;
    prevCount = count;
  }
  return prevBound;
}
