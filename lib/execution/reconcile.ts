import { asService } from "@/lib/db/service";
import { adapterFor } from "@/brokers/registry";
import { log } from "@/lib/log/logger";
import { loadAccountRef } from "./account-ref";
import { settleOrder } from "./settle-order";
import type { OrderRow } from "./rows";

// An order the broker has no trace of this long after we recorded it was never sent.
const NEVER_SENT_AFTER_MS = 30_000;

export type ReconcileReport = { checked: number; settled: number; expired: number; stillUnknown: number };

/**
 * Settles orders left `pending` (a crash or a timeout between recording and the broker's
 * answer) by asking the broker for our client id. Never sends an order again: what the
 * broker does not know after a grace period is marked expired with the reason.
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
      const found = await adapterFor(order.broker).findOrder(ref, order.id);
      if (found && found.status !== "pending") {
        await settleOrder(order.id, found, { now });
        report.settled++;
      } else if (!found && now.getTime() - order.created_at.getTime() > NEVER_SENT_AFTER_MS) {
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
