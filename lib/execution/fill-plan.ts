import crypto from "node:crypto";
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

type FillOrder = Pick<OrderRow, "side" | "action" | "value_per_point" | "stop_loss" | "take_profit" | "trailing_stop">;

const OPENING = new Set(["entry", "reverse"]);

/**
 * Plans a fill of `qty` at `price` against the open position (netting): open, add with a
 * volume-weighted entry, reduce, close or flip; the realised P&L of what it closes. Pure —
 * writeFill executes the plan in one statement.
 */
export function planFill(order: FillOrder, current: PositionRow | null, qty: number, price: number, newId: () => string = crypto.randomUUID): FillPlan {
  const net = netFill(current ? { side: current.side, qty: current.qty, entryPrice: current.entry_price } : null, { side: order.side, qty, price }, order.value_per_point);
  let update: FillPlan["update"] = null;
  let insert: FillPlan["insert"] = null;
  if (current) {
    const stillOpen = !!net.position && !net.flipped;
    update = {
      id: current.id,
      qty: stillOpen ? net.position!.qty : current.qty,
      entryPrice: stillOpen ? net.position!.entryPrice : current.entry_price,
      stillOpen,
      entriesDelta: stillOpen && OPENING.has(order.action) && current.side === order.side ? 1 : 0,
      // Protective levels of a new entry replace the position's; an exit leaves them alone.
      stopLoss: stillOpen && order.stop_loss !== null ? order.stop_loss : current.stop_loss,
      takeProfit: stillOpen && order.take_profit !== null ? order.take_profit : current.take_profit,
      trailing: stillOpen && order.trailing_stop ? order.trailing_stop : current.trailing_stop,
    };
  }
  if (net.position && (!current || net.flipped)) {
    insert = { id: newId(), side: net.position.side, qty: net.position.qty, entryPrice: net.position.entryPrice };
  }
  return { realizedPnl: net.realizedPnl, update, insert, positionId: insert?.id ?? update?.id ?? null };
}
