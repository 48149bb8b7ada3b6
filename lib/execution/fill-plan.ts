import crypto from "node:crypto";
import { positionPnl } from "@/brokers/paper/pnl";
import { netFill } from "./net-fill";
import type { OrderRow, PositionRow, TrailingState } from "./rows";

/** What a fill does to the account's netted position in its symbol. */
export type FillPlan = {
  realizedPnl: number;
  /** The open position changed (reduced, added to) or closed. */
  update: null | {
    id: string;
    qty: number;
    entryPrice: number;
    stillOpen: boolean;
    /** The position's running P&L at the fill price after the fill (0 when it closed). */
    unrealizedPnl: number;
    entriesDelta: number;
    stopLoss: number | null;
    takeProfit: number | null;
    trailing: TrailingState | null;
  };
  /** A new position (first entry, or the far side of a flip). */
  insert: null | { id: string; side: "buy" | "sell"; qty: number; entryPrice: number };
  /** The position the order ends up attached to. */
  positionId: string | null;
};

type FillOrder = Pick<OrderRow, "side" | "action" | "value_per_point" | "stop_loss" | "take_profit" | "trailing_stop"> & Partial<Pick<OrderRow, "position_id">>;

const OPENING = new Set(["entry", "reverse"]);

/**
 * Plans a fill of `qty` at `price` against the open position (netting): open, add with a
 * volume-weighted entry, reduce, close or flip; the realised P&L of what it closes. Pure —
 * writeFill executes the plan in one statement.
 */
export function planFill(order: FillOrder, current: PositionRow | null, qty: number, price: number, newId: () => string = crypto.randomUUID): FillPlan {
  if (order.action === "exit") {
    // An exit only ever closes the position it was sent for. When that position is gone or
    // was replaced by the time the fill is booked (closed by a reverse, a stop, an opposite
    // entry), the exit must not open or add to a position: there is nothing left to close.
    const target = current && current.side !== order.side && (!order.position_id || order.position_id === current.id) ? current : null;
    if (!target) return { realizedPnl: 0, update: null, insert: null, positionId: order.position_id ?? null };
    qty = Math.min(qty, target.qty);
  }
  const net = netFill(current ? { side: current.side, qty: current.qty, entryPrice: current.entry_price } : null, { side: order.side, qty, price }, order.value_per_point);
  let update: FillPlan["update"] = null;
  let insert: FillPlan["insert"] = null;
  if (current) {
    const stillOpen = !!net.position && !net.flipped;
    // Protective levels of a new entry on the position's side replace the position's. An exit,
    // or an opposite entry that only reduces the position, leaves them alone: its levels are
    // for the other side (a short's stop above the price would stop the long out at once).
    const adds = stillOpen && current.side === order.side;
    const qty = stillOpen ? net.position!.qty : current.qty;
    const entryPrice = stillOpen ? net.position!.entryPrice : current.entry_price;
    update = {
      id: current.id,
      qty,
      entryPrice,
      stillOpen,
      unrealizedPnl: stillOpen ? positionPnl(current.side, entryPrice, price, qty, order.value_per_point) : 0,
      entriesDelta: adds && OPENING.has(order.action) ? 1 : 0,
      stopLoss: adds && order.stop_loss !== null ? order.stop_loss : current.stop_loss,
      takeProfit: adds && order.take_profit !== null ? order.take_profit : current.take_profit,
      trailing: adds && order.trailing_stop ? order.trailing_stop : current.trailing_stop,
    };
  }
  if (net.position && (!current || net.flipped)) {
    insert = { id: newId(), side: net.position.side, qty: net.position.qty, entryPrice: net.position.entryPrice };
  }
  return { realizedPnl: net.realizedPnl, update, insert, positionId: insert?.id ?? update?.id ?? null };
}
