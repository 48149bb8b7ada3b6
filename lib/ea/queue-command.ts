import { asService } from "@/lib/db/service";
import type { EaAction, EaCommandPayload } from "./schemas";

export type QueueRequest = {
  accountId: string;
  userId: string;
  action: EaAction;
  payload: EaCommandPayload;
  /** Our order behind the command; its ack settles that order. */
  orderId?: string | null;
  timeoutMs: number;
  /** A device silent for longer is offline: nothing is queued for it. */
  offlineAfterMs: number;
  now?: Date;
};

export type QueueOutcome =
  | { ok: true; commandId: string; expiresAt: Date; reused: boolean }
  | { ok: false; code: "ea_offline" | "no_device"; reason: string };

/**
 * Queues a command for the EA of an account (the adapter's only way to trade MT). Runs as
 * the service because the pipeline and background jobs call adapters without a session;
 * every statement is scoped to the account and its owner. An open command for an order
 * that already has one is not queued twice (a retried placeOrder must never double the
 * trade). A terminal that is not polling gets nothing: a command would sit until it
 * expired, or run late when MetaTrader came back.
 */
export async function queueCommand(req: QueueRequest): Promise<QueueOutcome> {
  const now = req.now ?? new Date();
  return asService(async (tx) => {
    const [device] = await tx.query<{ id: string; last_poll_at: Date | null; account_status: string }>(
      `select d.id, d.last_poll_at, a.status as account_status
         from public.ea_devices d join public.broker_accounts a on a.id = d.account_id
        where d.account_id = $1 and d.user_id = $2`,
      [req.accountId, req.userId],
    );
    if (!device) return { ok: false, code: "no_device", reason: "This account has no MetaTrader device; reconnect it in Unify to get a device id and secret." };
    const silentMs = device.last_poll_at ? now.getTime() - device.last_poll_at.getTime() : Number.POSITIVE_INFINITY;
    // The account's `down` (set by the liveness job) and our own clock agree in steady state; either one means offline.
    if (silentMs > req.offlineAfterMs || device.account_status === "down") {
      const since = device.last_poll_at ? `since ${device.last_poll_at.toISOString()}` : "yet";
      return {
        ok: false,
        code: "ea_offline",
        reason: `MetaTrader is offline: the UnifyBridge EA has not polled ${since}. Start the terminal with the EA on a chart; nothing was sent.`,
      };
    }
    if (req.orderId && req.action === "open") {
      const [existing] = await tx.query<{ id: string; expires_at: Date }>(
        "select id, expires_at from public.ea_commands where order_id = $1 and device_id = $2 and action = 'open' limit 1",
        [req.orderId, device.id],
      );
      if (existing) return { ok: true, commandId: existing.id, expiresAt: existing.expires_at, reused: true };
    }
    const expiresAt = new Date(now.getTime() + req.timeoutMs);
    const [row] = await tx.query<{ id: string }>(
      `insert into public.ea_commands (user_id, account_id, device_id, order_id, action, payload, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [req.userId, req.accountId, device.id, req.orderId ?? null, req.action, JSON.stringify(req.payload), now, expiresAt],
    );
    return { ok: true, commandId: row.id, expiresAt, reused: false };
  });
}
