import { serviceDb } from "@/lib/db/service";
import { log } from "@/lib/log/logger";
import type { PlaceOrderResult } from "@/brokers/types";
import { settleOrder } from "@/lib/execution/settle-order";
import { finalOrderResult, positionForCommand, positionToCommandResult } from "./command-result";
import { eaHealth } from "./ea-health";
import { readLastState } from "./last-state";
import { eaSettings, type EaSettings } from "./settings";
import type { EaCommandPayload, EaCommandResult } from "./schemas";

export type ExpiryReport = { expired: number; pending: number; matched: number; resettled: number };

const NOT_COLLECTED =
  "MetaTrader did not collect this order before it timed out, so it was never sent to the terminal. Check that MetaTrader is running with the UnifyBridge EA on a chart and Algo Trading switched on.";
const NOT_CONFIRMED =
  "MetaTrader collected this order but never confirmed it. It may or may not have been executed: check the terminal's Trade tab and its Experts log.";
const pendingReason = (sentAt: Date | null) =>
  `MetaTrader collected this order${sentAt ? ` at ${sentAt.toISOString().slice(11, 19)} UTC` : ""} but has not confirmed it yet. Unify is watching the terminal's positions for it and will not send it again.`;

type SentRow = {
  id: string;
  order_id: string | null;
  action: string;
  payload: EaCommandPayload;
  result: EaCommandResult | null;
  sent_at: Date | null;
  expires_at: Date;
  last_state: unknown;
  platform: "mt4" | "mt5";
};

async function settleQuietly(orderId: string | null, result: PlaceOrderResult): Promise<void> {
  if (!orderId) return;
  try {
    await settleOrder(orderId, result);
  } catch (err) {
    // The command is final; resettleStragglers retries this order on the next run.
    log.error("settling an EA command's order failed", { order_id: orderId, status: result.status, error: String(err) });
  }
}

/** Commands nobody collected before their deadline: never sent, so safely expired. */
async function expireUncollected(now: Date): Promise<number> {
  const db = await serviceDb();
  const rows = await db.query<{ order_id: string | null }>(
    `update public.ea_commands set status = 'expired', result = jsonb_build_object('reason', $2::text)
      where status = 'queued' and expires_at <= $1 returning order_id`,
    [now, NOT_COLLECTED],
  );
  for (const r of rows) await settleQuietly(r.order_id, { status: "expired", reason: NOT_COLLECTED, brokerCode: "ea_not_collected" });
  return rows.length;
}

/** Moves a collected, unconfirmed command on one step (only while it is still `sent`: an ack may land meanwhile). */
async function transition(id: string, status: "sent" | "filled" | "expired", result: EaCommandResult, now: Date): Promise<boolean> {
  const db = await serviceDb();
  const rows = await db.query(
    `update public.ea_commands set status = $2, result = coalesce(result, '{}'::jsonb) || $3::jsonb,
            acked_at = case when $2 = 'filled' then $4::timestamptz else acked_at end
      where id = $1 and status = 'sent'
        -- Reporting pending happens once, even with the job running on several replicas.
        and ($2 <> 'sent' or result is null or result->>'pending_reported_at' is null)
      returning 1`,
    [id, status, JSON.stringify(result), now],
  );
  return rows.length > 0;
}

/**
 * Collected but unconfirmed after the deadline: a position carrying the order's comment
 * means the EA executed it (filled); otherwise the order is reported `pending` once, and
 * after the grace period `expired` with a reason the trader can act on.
 */
async function resolveUnconfirmed(now: Date, graceMs: number, report: ExpiryReport): Promise<void> {
  const db = await serviceDb();
  const rows = await db.query<SentRow>(
    `select c.id, c.order_id, c.action, c.payload, c.result, c.sent_at, c.expires_at, d.last_state, d.platform
       from public.ea_commands c join public.ea_devices d on d.id = c.device_id
      where c.status = 'sent' and c.expires_at <= $1 order by c.expires_at limit 200`,
    [now],
  );
  for (const row of rows) {
    const position = row.action === "open" ? positionForCommand(readLastState(row.last_state), row.payload) : null;
    if (position) {
      const result = positionToCommandResult(position);
      if (await transition(row.id, "filled", result, now)) {
        report.matched++;
        await settleQuietly(row.order_id, finalOrderResult("filled", row.payload, result));
      }
    } else if (row.expires_at.getTime() + graceMs <= now.getTime()) {
      if (await transition(row.id, "expired", { reason: NOT_CONFIRMED }, now)) {
        report.expired++;
        eaHealth.failed(row.platform);
        await settleQuietly(row.order_id, { status: "expired", reason: NOT_CONFIRMED, brokerCode: "ea_not_confirmed" });
      }
    } else if (!row.result?.pending_reported_at) {
      if (await transition(row.id, "sent", { pending_reported_at: now.toISOString() }, now)) {
        report.pending++;
        await settleQuietly(row.order_id, { status: "pending", reason: pendingReason(row.sent_at) });
      }
    }
  }
}

/** Orders whose command is final but which are still open on our side (a settlement that failed earlier). */
async function resettleStragglers(now: Date): Promise<number> {
  const db = await serviceDb();
  const rows = await db.query<{ order_id: string; status: "filled" | "rejected" | "expired"; payload: EaCommandPayload; result: EaCommandResult | null }>(
    `select c.order_id, c.status, c.payload, c.result
         from public.ea_commands c join public.orders o on o.id = c.order_id
        where c.status in ('filled', 'rejected', 'expired') and o.status in ('pending', 'submitted')
          and c.expires_at > $1::timestamptz - interval '1 hour'
        limit 100`,
    [now],
  );
  for (const r of rows) {
    const result: PlaceOrderResult =
      r.status === "expired" ? { status: "expired", reason: r.result?.reason ?? NOT_CONFIRMED } : finalOrderResult(r.status, r.payload, r.result ?? {});
    await settleQuietly(r.order_id, result);
  }
  return rows.length;
}

/**
 * The expiry pass of the bridge's background job: commands never collected are expired;
 * collected ones without an ack are matched against the terminal's positions, else
 * reported pending, then expired after the grace period; orders left unsettled by an
 * earlier failure are settled again. Each order is settled through settleOrder.
 */
export async function expireCommands(now = new Date(), settings: Pick<EaSettings, "pendingGraceMs"> = eaSettings()): Promise<ExpiryReport> {
  const report: ExpiryReport = { expired: 0, pending: 0, matched: 0, resettled: 0 };
  report.expired += await expireUncollected(now);
  await resolveUnconfirmed(now, settings.pendingGraceMs, report);
  report.resettled = await resettleStragglers(now);
  return report;
}
