/** Drawdown at one instant: money below the running peak (≥ 0) and that as % of the peak. */
export type DrawdownPoint = { t: number; drawdown: number; drawdown_pct: number };

/**
 * The underwater curve of one day: for each equity point (in time order), how far it is
 * below the highest equity seen so far that day. Positive amounts, like max_drawdown;
 * the percentage is of the running peak (0 while the peak is not positive).
 */
export function drawdownSeries(points: readonly { t: number; equity: number }[]): DrawdownPoint[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map(({ t, equity }) => {
    if (equity > peak) peak = equity;
    const drawdown = peak - equity;
    return { t, drawdown, drawdown_pct: peak > 0 ? (drawdown / peak) * 100 : 0 };
  });
}

/**
 * Thins a drawdown series to at most about maxPoints by splitting the span into equal
 * time slots and keeping each slot's deepest point, so the troughs a chart is read for
 * survive the thinning (the last point is always kept, as the current state).
 */
export function thinDrawdownSeries(points: readonly DrawdownPoint[], maxPoints: number): DrawdownPoint[] {
  if (points.length <= maxPoints) return [...points];
  const first = points[0].t;
  const span = points[points.length - 1].t - first;
  const slots = Math.max(1, maxPoints - 1);
  const slotOf = (t: number) => (span === 0 ? 0 : Math.min(slots - 1, Math.floor(((t - first) / span) * slots)));
  const deepest = new Map<number, DrawdownPoint>();
  for (const p of points.slice(0, -1)) {
    const slot = slotOf(p.t);
    const kept = deepest.get(slot);
    if (!kept || p.drawdown > kept.drawdown) deepest.set(slot, p);
  }
  return [...[...deepest.values()].sort((a, b) => a.t - b.t), points[points.length - 1]];
}
