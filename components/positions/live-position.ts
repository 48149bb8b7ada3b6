import type { PositionView } from "@/lib/trading/schemas";

/**
 * An open position as the desk shows it. Stream events carry the trading fields but
 * not when the position opened or its tag; those stay null until the next fetch.
 */
export type LivePosition = Omit<PositionView, "opened_at" | "closed_at" | "tag"> & {
  opened_at: string | null;
  closed_at: string | null;
  tag: string | null;
};

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const numOrNull = (v: unknown): number | null => (isNum(v) ? v : null);

/** The position inside a `position` stream event, or null when the event is not one. */
export function readPositionEvent(data: Record<string, unknown>): LivePosition | null {
  const p = data.position as Record<string, unknown> | undefined;
  if (!p || typeof p.id !== "string" || typeof p.account_id !== "string" || typeof p.symbol !== "string") return null;
  if ((p.side !== "buy" && p.side !== "sell") || (p.status !== "open" && p.status !== "closed")) return null;
  if (!isNum(p.qty) || !isNum(p.entry_price) || !isNum(p.unrealized_pnl) || !isNum(p.realized_pnl)) return null;
  return {
    id: p.id,
    account_id: p.account_id,
    broker: p.broker as PositionView["broker"],
    symbol: p.symbol,
    side: p.side,
    qty: p.qty,
    entry_price: p.entry_price,
    current_price: numOrNull(p.current_price),
    unrealized_pnl: p.unrealized_pnl,
    realized_pnl: p.realized_pnl,
    stop_loss: numOrNull(p.stop_loss),
    take_profit: numOrNull(p.take_profit),
    status: p.status,
    opened_at: null,
    closed_at: null,
    tag: null,
  };
}

/**
 * Applies one stream update to the open positions: updates a known one (keeping the
 * fields events do not carry), adds a new one on top, drops a closed one.
 */
export function applyPosition(list: LivePosition[], next: LivePosition): { list: LivePosition[]; known: boolean } {
  const index = list.findIndex((p) => p.id === next.id);
  if (next.status === "closed") return { list: index < 0 ? list : list.filter((p) => p.id !== next.id), known: index >= 0 };
  if (index < 0) return { list: [next, ...list], known: false };
  const prev = list[index];
  const merged = { ...prev, ...next, opened_at: prev.opened_at, tag: prev.tag };
  return { list: list.map((p, i) => (i === index ? merged : p)), known: true };
}

/** Total unrealised P&L of a set of positions, rounded to cents. */
export function totalUnrealized(list: Pick<LivePosition, "unrealized_pnl">[]): number {
  return Math.round(list.reduce((s, p) => s + p.unrealized_pnl, 0) * 100) / 100;
}
