import { getBus } from "@/lib/events";
import { publishUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { log } from "@/lib/log/logger";
import { orderEvent, positionEvent, type OrderRow, type PositionRow } from "./rows";

export type Settlement = {
  order: OrderRow;
  positions: PositionRow[];
  realizedPnl: number;
  filled: boolean;
  log: UserLogEntry;
};

/** After commit: trade.exec for a fill, order.status always, position.update per changed position. */
export async function publishSettlement(s: Settlement): Promise<void> {
  try {
    const bus = await getBus();
    const base = { user_id: s.order.user_id, correlation_id: s.order.correlation_id, at: new Date().toISOString() };
    const order = orderEvent(s.order);
    if (s.filled) await bus.publish("trade.exec", { ...base, order });
    await bus.publish("order.status", { ...base, order });
    for (const p of s.positions) await bus.publish("position.update", { ...base, position: positionEvent(p) });
    await publishUserLog(s.log);
  } catch (err) {
    // The database is the source of truth; a lost event only delays a live view.
    log.warn("publishing a settlement failed", { order_id: s.order.id, error: String(err) });
  }
}
