import type { Side } from "@/brokers/types";
import { num, str, type JsonRecord } from "@/brokers/shared/json";

/** One position (or the part of it) a close takes out. */
export type ClosePart = { positionId: string; side: Side; qty: number };

/** What the order history says a close filled: quantity and volume-weighted price. */
export type CloseFill = { filledQty: number; avgPrice: number };

const EPS = 1e-9;

/** A quantity in lots without float noise (8 decimals, far below any lot step). */
export const lots = (qty: number) => Math.round(qty * 1e8) / 1e8;

/** The side of a position row. */
export function sideOf(row: JsonRecord): Side {
  return str(row.side)?.toLowerCase() === "sell" ? "sell" : "buy";
}

/**
 * The positions a close takes out: every one of the instrument for a whole close, else the
 * largest first until `qty` is covered (hedging accounts hold several per instrument).
 */
export function closeParts(held: JsonRecord[], qty?: number): ClosePart[] {
  const parts: ClosePart[] = [];
  let remaining = qty ?? Infinity;
  for (const row of [...held].sort((a, b) => (num(b.qty) ?? 0) - (num(a.qty) ?? 0))) {
    if (remaining <= EPS) break;
    // Rounded: the remainder of a subtraction (0.8 − 0.7 = 0.10000000000000009) is not a lot size TradeLocker takes.
    const part = lots(Math.min(remaining, num(row.qty) ?? 0));
    parts.push({ positionId: str(row.id) ?? "", side: sideOf(row), qty: part });
    remaining = lots(remaining - part);
  }
  return parts;
}

/** An id as an integer: TradeLocker ids run past 2^53, so they are compared as BigInt. */
export function orderIdValue(row: JsonRecord): bigint {
  const id = str(row.id);
  return id && /^\d+$/.test(id) ? BigInt(id) : 0n;
}

/** The later of two order rows: by createdDate (ms), then by id for rows of the same millisecond. */
function later(a: JsonRecord, b: JsonRecord): JsonRecord {
  const ta = num(a.createdDate) ?? 0;
  const tb = num(b.createdDate) ?? 0;
  if (ta !== tb) return ta > tb ? a : b;
  return orderIdValue(a) >= orderIdValue(b) ? a : b;
}

/**
 * The order that closed `part`: history rows carry the `positionId` they traded (TradeLocker's
 * client closes by looking positions up that way), a close trades the opposite side, and the
 * newest such order with a fill is this close. Its fill must cover the part, or an older
 * close of the same position would be mistaken for it.
 */
function closeOrder(history: JsonRecord[], part: ClosePart): JsonRecord | undefined {
  const candidates = history.filter(
    (r) => str(r.positionId) === part.positionId && sideOf(r) !== part.side && (num(r.filledQty) ?? 0) > 0 && (num(r.avgPrice) ?? 0) > 0,
  );
  const newest = candidates.reduce<JsonRecord | undefined>((best, r) => (best ? later(best, r) : r), undefined);
  return newest && Math.abs((num(newest.filledQty) ?? 0) - part.qty) <= EPS ? newest : undefined;
}

/** The fill of a close from `ordersHistory` rows (by column name), or undefined unless every part's order is there. */
export function closeFill(history: JsonRecord[], parts: ClosePart[]): CloseFill | undefined {
  const orders = parts.map((part) => closeOrder(history, part));
  if (!parts.length || orders.some((o) => o === undefined)) return undefined;
  const filled = orders as JsonRecord[];
  const filledQty = filled.reduce((s, o) => s + (num(o.filledQty) ?? 0), 0);
  const notional = filled.reduce((s, o) => s + (num(o.filledQty) ?? 0) * (num(o.avgPrice) ?? 0), 0);
  // 12 significant digits drop the float noise of the weighting (1.4 × q / q = 1.3999999999999997).
  return { filledQty, avgPrice: Number((notional / filledQty).toPrecision(12)) };
}
