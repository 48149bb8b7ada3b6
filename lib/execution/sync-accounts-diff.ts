import type { BrokerPosition, Side } from "@/brokers/types";
import { netFill } from "./net-fill";

/** One of our open positions, as the sync compares it with the broker's. */
export type TrackedPosition = {
  id: string;
  symbol: string;
  side: Side;
  qty: number;
  entry_price: number;
  current_price: number | null;
  value_per_point: number;
};

/** The broker's net position in one symbol (several broker rows of a hedging account summed up). */
export type BrokerNet = {
  symbol: string;
  side: Side;
  qty: number;
  entryPrice: number;
  /** Mark from the broker: its current price, or one derived from its unrealised P&L. */
  markPrice?: number;
  unrealizedPnl?: number;
  brokerPositionId?: string;
  stopLoss?: number;
  takeProfit?: number;
};

/** What the sync does to one position. */
export type PositionChange =
  /** The broker no longer holds it: closed at the last known mark. */
  | { kind: "close"; position: TrackedPosition; exitPrice: number; realizedPnl: number }
  /** The broker holds it and we do not know it. */
  | { kind: "add"; broker: BrokerNet }
  /** Same side, another size (a partial close or an add-on done at the broker). */
  | { kind: "resize"; position: TrackedPosition; qty: number; entryPrice: number; exitPrice: number; realizedPnl: number }
  /** Same position: only its mark moved. */
  | { kind: "mark"; position: TrackedPosition; currentPrice: number; unrealizedPnl: number };

// Quantities live on a 6-decimal grid (numeric(20,6)).
const EPS = 1e-9;
const q6 = (n: number) => Math.round(n * 1e6) / 1e6;
const money = (n: number) => Math.round(n * 100) / 100;

/** The price to value a position at when nothing better is known: its last mark, else its entry. */
export const lastMark = (p: TrackedPosition) => p.current_price ?? p.entry_price;

/** Realised P&L of closing `qty` of `p` at `price` (netting arithmetic, so it matches fills). */
function realizedOn(p: TrackedPosition, qty: number, price: number): number {
  const exitSide: Side = p.side === "buy" ? "sell" : "buy";
  // `|| 0`: a short closed at its entry realises -0, which would read as a loss sign in views.
  return netFill({ side: p.side, qty: p.qty, entryPrice: p.entry_price }, { side: exitSide, qty, price }, p.value_per_point).realizedPnl || 0;
}

/**
 * Broker positions netted per symbol, as our positions are (one per account and symbol):
 * a hedging account's long and short rows in a symbol become their net. The mark is the
 * broker's current price when it gives one; else, with `valuePerPoint`, it is derived from
 * the broker's unrealised P&L (TradeLocker reports P&L but no price).
 */
export function netBrokerPositions(positions: BrokerPosition[], valuePerPoint: (symbol: string) => number | undefined): BrokerNet[] {
  const bySymbol = new Map<string, BrokerPosition[]>();
  for (const p of positions) if (p.qty > EPS) bySymbol.set(p.symbol, [...(bySymbol.get(p.symbol) ?? []), p]);
  const out: BrokerNet[] = [];
  for (const [symbol, rows] of bySymbol) {
    const signed = q6(rows.reduce((s, r) => s + (r.side === "buy" ? r.qty : -r.qty), 0));
    if (Math.abs(signed) <= EPS) continue;
    const side: Side = signed > 0 ? "buy" : "sell";
    const same = rows.filter((r) => r.side === side);
    const sameQty = same.reduce((s, r) => s + r.qty, 0);
    const entryPrice = same.reduce((s, r) => s + r.entryPrice * r.qty, 0) / sameQty;
    const pnlKnown = rows.every((r) => r.unrealizedPnl !== undefined);
    const unrealizedPnl = pnlKnown ? money(rows.reduce((s, r) => s + (r.unrealizedPnl ?? 0), 0)) : undefined;
    const vpp = valuePerPoint(symbol);
    const priced = rows.find((r) => r.currentPrice !== undefined)?.currentPrice;
    const derived = unrealizedPnl !== undefined && vpp ? entryPrice + unrealizedPnl / (signed * vpp) : undefined;
    const single = rows.length === 1 ? rows[0] : undefined;
    out.push({
      symbol,
      side,
      qty: Math.abs(signed),
      entryPrice,
      markPrice: priced ?? derived,
      unrealizedPnl,
      brokerPositionId: single?.brokerPositionId,
      stopLoss: single?.stopLoss,
      takeProfit: single?.takeProfit,
    });
  }
  return out;
}

/**
 * What to change so our open positions match the broker's. Symbols in `skip` are left
 * alone this round (an order of theirs is in flight or changed while the broker was being
 * read, so the two views may legitimately differ for a moment).
 */
export function diffPositions(ours: TrackedPosition[], theirs: BrokerNet[], skip: ReadonlySet<string> = new Set()): PositionChange[] {
  const changes: PositionChange[] = [];
  const brokerBySymbol = new Map(theirs.map((b) => [b.symbol, b]));
  for (const p of ours) {
    if (skip.has(p.symbol)) continue;
    const b = brokerBySymbol.get(p.symbol);
    if (!b || b.side !== p.side) {
      const exitPrice = lastMark(p);
      changes.push({ kind: "close", position: p, exitPrice, realizedPnl: realizedOn(p, p.qty, exitPrice) });
      if (b) changes.push({ kind: "add", broker: b });
      continue;
    }
    const mark = b.markPrice ?? lastMark(p);
    if (Math.abs(b.qty - p.qty) > EPS) {
      const reduced = b.qty < p.qty;
      changes.push({
        kind: "resize",
        position: p,
        qty: q6(b.qty),
        // Reducing keeps our entry (netting); an add-on at the broker moves it to the broker's average.
        entryPrice: reduced ? p.entry_price : b.entryPrice,
        exitPrice: mark,
        realizedPnl: reduced ? realizedOn(p, q6(p.qty - b.qty), mark) : 0,
      });
      continue;
    }
    if (b.markPrice !== undefined && b.markPrice !== p.current_price) {
      const unrealizedPnl = b.unrealizedPnl ?? money((b.markPrice - p.entry_price) * (p.side === "buy" ? 1 : -1) * p.qty * p.value_per_point);
      changes.push({ kind: "mark", position: p, currentPrice: b.markPrice, unrealizedPnl });
    }
  }
  const ourSymbols = new Set(ours.map((p) => p.symbol));
  for (const b of theirs) if (!ourSymbols.has(b.symbol) && !skip.has(b.symbol)) changes.push({ kind: "add", broker: b });
  return changes;
}
