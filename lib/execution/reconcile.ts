import { asService } from "@/lib/db/service";
import { adapterFor } from "@/brokers/registry";
import type { AccountRef, BrokerAdapter, PlaceOrderResult, Side } from "@/brokers/types";
import { log } from "@/lib/log/logger";
import { loadAccountRef } from "./account-ref";
import { settleOrder } from "./settle-order";
import { isOrderInFlight } from "./submit-order";
import type { OrderRow } from "./rows";

// An order the broker has no trace of this long after we recorded it was never sent.
const NEVER_SENT_AFTER_MS = 30_000;

// Quantities live on a 6-decimal grid (numeric(20,6)).
const EPS = 1e-9;
const q6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * An exit the broker has no order of: most brokers' close calls carry no client id
 * (TradeLocker's DELETE /positions, ProjectX's closeContract), so findOrder cannot see a
 * close whose answer was lost. The broker's positions can: what is gone there of the
 * position the exit was sent for was closed. Null while the broker still holds it all.
 */
async function lostExitOutcome(adapter: BrokerAdapter, ref: AccountRef, order: OrderRow): Promise<PlaceOrderResult | null> {
  if (order.action !== "exit" || !order.position_id) return null;
  const [ours] = await asService((tx) =>
    tx.query<{ side: Side; qty: number }>("select side, qty from public.positions where id = $1 and account_id = $2 and status = 'open'", [order.position_id, order.account_id]),
  );
  if (!ours) return null;
  const held = (await adapter.positions(ref)).filter((p) => p.symbol === order.symbol).reduce((sum, p) => sum + (p.side === ours.side ? p.qty : -p.qty), 0);
  const gone = q6(Math.min(order.qty, ours.qty - Math.max(0, held)));
  if (gone <= EPS) return null;
  const reason = `${order.broker} did not answer the close, but the position is no longer open there: it was closed, booked at the last known price.`;
  return gone >= order.qty - EPS ? { status: "filled", filledQty: order.qty, reason } : { status: "cancelled", filledQty: gone, reason };
}

export type ReconcileReport = { checked: number; settled: number; expired: number; stillUnknown: number };

/**
 * Settles orders left `pending` (a crash or a timeout between recording and the broker's
 * answer) by asking the broker for our client id — for an exit, also its positions. Never
 * sends an order again: what the broker does not know after a grace period is marked
 * expired with the reason, unless this process is still waiting for the broker's answer.
 */
export async function reconcilePending(opts: { olderThanMs?: number; now?: Date } = {}): Promise<ReconcileReport> {
  const now = opts.now ?? new Date();
  const pending = await asService((tx) =>
    tx.query<OrderRow>("select * from public.orders where status = 'pending' and created_at < $1 order by created_at limit 500", [
      new Date(now.getTime() - (opts.olderThanMs ?? 5_000)),
    ]),
  );
  const report: ReconcileReport = { checked: pending.length, settled: 0, expired: 0, stillUnknown: 0 };
  for (const order of pending) {
    try {
      const ref = await asService((tx) => loadAccountRef(tx, order.account_id));
      const adapter = adapterFor(order.broker);
      const found = (await adapter.findOrder(ref, order.id)) ?? (isOrderInFlight(order.id) ? null : await lostExitOutcome(adapter, ref, order));
      if (found && found.status !== "pending") {
        await settleOrder(order.id, found, { now });
        report.settled++;
      } else if (!found && !isOrderInFlight(order.id) && now.getTime() - order.created_at.getTime() > NEVER_SENT_AFTER_MS) {
        // An order whose call is still in flight here may not have reached the broker yet;
        // one in flight on another replica is caught by settleOrder booking a late fill.
        await settleOrder(order.id, { status: "expired", reason: `${order.broker} has no record of this order: it was not sent (the server stopped before sending it). Nothing was executed.` }, { now });
        report.expired++;
      } else {
        report.stillUnknown++;
      }
    } catch (err) {
      report.stillUnknown++;
      log.warn("reconciling an order failed; will retry", { order_id: order.id, error: String(err) });
    }
  }
  if (report.checked) log.info("reconciled pending orders", { ...report });
  return report;
}
