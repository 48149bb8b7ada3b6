import { asUser } from "@/lib/db/as-user";
import { canonicalSymbol } from "@/lib/market/symbols";
import type { AlertContext } from "./handle-alert";
import type { AlertAnswer } from "./answers";
import { guardRequest } from "./admit-order";
import { storeAnswer } from "./idempotency";
import { replayAnswer } from "./replay-answer";
import { insertWebhookEvent } from "./webhook-events";
import { flattenAccount } from "./flatten-account";
import { cancelWorkingOrders } from "./cancel-orders";

/**
 * exit_all (flatten the account) and cancel (working orders, of one symbol or all):
 * the same signature, idempotency and logging as an order alert, then the action.
 */
export async function runAccountAction(ctx: AlertContext): Promise<AlertAnswer> {
  const { req, caller, intent } = ctx;
  const account = caller.account;
  const now = new Date();
  const admitted = await asUser(ctx.claims, async (tx) => {
    const replay = await guardRequest(tx, { caller, idempotencyKey: ctx.idempotencyKey, now });
    if (replay) return replay;
    // Flattening and cancelling reduce risk: they run even on a disabled account.
    await insertWebhookEvent(tx, {
      input: { caller, correlationId: req.correlationId, ip: req.ip, payload: ctx.payload, startedAt: req.startedAt },
      outcome: "accepted",
      error: null,
      orderId: null,
    });
    return null;
  }, { lockKey: account.account_id });
  // A replay never runs the action again, even while the first request is still running it.
  if (admitted?.kind === "replay") return replayAnswer(ctx, admitted);

  const latency = () => Math.round((performance.now() - req.startedAt) * 1000) / 1000;
  let body: Record<string, unknown>;
  if (intent.action === "cancel") {
    const cancelled = await cancelWorkingOrders(ctx.claims, account.account_id, intent.symbol ? canonicalSymbol(intent.symbol) : null);
    body = { ok: true, status: "cancelled", orders_cancelled: cancelled, correlation_id: req.correlationId, latency_ms: latency() };
  } else {
    const r = await flattenAccount(ctx.claims, account.account_id, "exit_all", req.correlationId);
    body = {
      ok: r.errors.length === 0,
      status: r.pending > 0 ? "pending" : "filled",
      positions_closed: r.positionsClosed,
      orders_cancelled: r.ordersCancelled,
      realized_pnl: r.realizedPnl,
      errors: r.errors,
      correlation_id: req.correlationId,
      latency_ms: latency(),
    };
  }
  if (ctx.idempotencyKey) await asUser(ctx.claims, (tx) => storeAnswer(tx, account.account_id, ctx.idempotencyKey!, 200, body));
  return { status: 200, body };
}
