import type { LivePosition } from "@/components/positions/live-position";

/** 00:00 UTC of the day `now` falls in: the trading day the risk rules count in by default. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Milliseconds until the next 00:00 UTC. */
export function msUntilNextUtcDay(now: Date): number {
  return startOfUtcDay(now).getTime() + 86_400_000 - now.getTime();
}

/**
 * Realised P&L that counts toward today, by position id: positions closed since 00:00
 * UTC, plus partial closes of positions still open.
 */
export function realisedToday(closed: Pick<LivePosition, "id" | "realized_pnl" | "closed_at">[], open: Pick<LivePosition, "id" | "realized_pnl">[], dayStart: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of closed) if (p.closed_at && Date.parse(p.closed_at) >= dayStart.getTime()) out[p.id] = p.realized_pnl;
  for (const p of open) if (p.realized_pnl !== 0) out[p.id] = p.realized_pnl;
  return out;
}

/** The sum of a record of amounts, rounded to cents. */
export function sumValues(amounts: Record<string, number>): number {
  return Math.round(Object.values(amounts).reduce((s, v) => s + v, 0) * 100) / 100;
}
