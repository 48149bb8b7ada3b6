import { tradeStats, type TradeStats } from "./trade-stats";

/** The label of trades that carry no strategy tag. */
export const UNTAGGED = "(none)";

/** A trade's strategy tag for grouping: blank and missing tags are one group, "(none)". */
export function tagKey(tag: string | null | undefined): string {
  const t = tag?.trim();
  return t ? t : UNTAGGED;
}

/**
 * Trade stats per group (broker, strategy tag …): key picks each trade's group. Groups
 * appear in order of first appearance, so callers control the order by sorting input.
 */
export function breakdownBy<T extends { realized_pnl: number }>(trades: readonly T[], key: (trade: T) => string): Record<string, TradeStats> {
  const groups = new Map<string, number[]>();
  for (const t of trades) {
    const k = key(t);
    const list = groups.get(k);
    if (list) list.push(t.realized_pnl);
    else groups.set(k, [t.realized_pnl]);
  }
  return Object.fromEntries([...groups].map(([k, pnls]) => [k, tradeStats(pnls)]));
}
