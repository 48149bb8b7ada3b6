import { asUser } from "@/lib/db/as-user";
import { AppError } from "@/lib/http/errors";
import type { AlertContext } from "./handle-alert";
import { orderAnswer, problemAnswer, type AlertAnswer } from "./answers";
import type { StoredAnswer } from "./idempotency";
import { insertWebhookEvent } from "./webhook-events";
import type { OrderRow } from "./rows";

const REPLAYED = { "idempotent-replayed": "true" };

/**
 * The answer to a request whose idempotency key was seen: the first request's answer, or
 * its order as it stands while that one is still being answered, or 409 when there is
 * nothing to show yet (never a second run). Logged in webhook_events as `replayed`, so a
 * template sending the same id every time shows up in the trader's log.
 */
export async function replayAnswer(ctx: AlertContext, r: StoredAnswer): Promise<AlertAnswer> {
  const answer = await storedAnswer(ctx, r);
  const idempotencyKey = ctx.idempotencyKey ?? "";
  await asUser(ctx.claims, (tx) =>
    insertWebhookEvent(tx, {
      input: { caller: ctx.caller, correlationId: ctx.req.correlationId, ip: ctx.req.ip, payload: ctx.payload, startedAt: ctx.req.startedAt },
      outcome: "replayed",
      error: null,
      statusCode: answer.status,
      orderId: r.orderId,
      note: `Same idempotency key (${idempotencyKey.slice(0, 64)}) as an earlier request: its answer was returned again and nothing was sent. Give every alert its own id.`,
    }),
  );
  return answer;
}

async function storedAnswer(ctx: AlertContext, r: StoredAnswer): Promise<AlertAnswer> {
  if (r.body && r.statusCode) {
    if (r.body.refusal) {
      const error = new AppError(r.body.refusal as never, String(r.body.detail), { rule: (r.body.rule as string | null) ?? undefined });
      return { ...problemAnswer(error, ctx.req.correlationId), headers: REPLAYED };
    }
    return { status: r.statusCode, body: r.body, headers: REPLAYED };
  }
  if (r.orderId) {
    const [order] = await asUser(ctx.claims, (tx) => tx.query<OrderRow>("select * from public.orders where id = $1", [r.orderId]));
    if (order) return { ...orderAnswer(order, ctx.caller.account.broker, ctx.req.correlationId, ctx.req.startedAt), headers: REPLAYED };
  }
  return { ...problemAnswer(new AppError("conflict", "A request with this idempotency key is still being processed; retry in a moment."), ctx.req.correlationId), headers: REPLAYED };
}
