import { asUser } from "@/lib/db/as-user";
import { AppError } from "@/lib/http/errors";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type AccountRef } from "@/brokers/types";
import { getBus } from "@/lib/events";
import { log } from "@/lib/log/logger";
import type { AlertContext } from "./handle-alert";
import { orderAnswer, problemAnswer, withRiskBlock, type AlertAnswer } from "./answers";
import { publishSettlement } from "./publish-settlement";
import { metrics } from "@/lib/metrics/registry";
import { admitOrder } from "./admit-order";
import { findStoredAnswer, storeAnswer } from "./idempotency";
import { replayAnswer } from "./replay-answer";
import { loadAccountRef } from "./account-ref";
import { marketContext, type MarketContext } from "./market-context";
import { submitAndSettle, withinBudget } from "./submit-order";

/** Answer within 2.5 s of arrival whatever the broker does (TradingView waits 3 s). */
export const ANSWER_BUDGET_MS = 2_500;

/** The account reference for the adapter; paper has no credentials, so no database read. */
async function accountRef(ctx: AlertContext): Promise<AccountRef> {
  const a = ctx.caller.account;
  if (a.broker === "paper") return { accountId: a.account_id, userId: a.user_id, mode: a.mode, externalAccountId: null, credentials: null };
  return asUser(ctx.claims, (tx) => loadAccountRef(tx, a.account_id));
}

async function resolveMarket(ctx: AlertContext, ref: AccountRef): Promise<MarketContext> {
  try {
    return await marketContext(adapterFor(ctx.caller.account.broker), ref, ctx.intent.symbol!, ctx.intent.price, ctx.intent.side);
  } catch (err) {
    if (err instanceof BrokerError) {
      const code = err.kind === "timeout" || err.kind === "unavailable" ? "unavailable" : "broker_rejected";
      throw new AppError(code, `${ctx.caller.account.broker}: ${err.message}`, { broker_code: err.brokerCode ?? err.kind });
    }
    throw err;
  }
}

/**
 * entry / exit / reverse: record the order (one transaction), send it, answer with the
 * fill, or `pending` when the broker is slower than the budget (it finishes in the background).
 */
export async function runOrderAlert(ctx: AlertContext): Promise<AlertAnswer> {
  const { req, caller } = ctx;
  const ref = await accountRef(ctx);
  let market: MarketContext;
  try {
    market = await resolveMarket(ctx, ref);
  } catch (err) {
    // A retry of an alert that was already answered gets that answer, even while the
    // broker is unreachable; a new one gets the broker's error.
    const seen = ctx.idempotencyKey ? await asUser(ctx.claims, (tx) => findStoredAnswer(tx, caller.account.account_id, ctx.idempotencyKey!, new Date())) : null;
    if (seen) return replayAnswer(ctx, seen);
    throw err;
  }
  const admission = await asUser(ctx.claims, (tx) =>
    admitOrder(tx, {
      caller,
      intent: ctx.intent,
      idempotencyKey: ctx.idempotencyKey,
      market,
      source: req.source,
      correlationId: req.correlationId,
      ip: req.ip,
      payload: ctx.payload,
      startedAt: req.startedAt,
      now: new Date(),
    }),
    { lockKey: caller.account.account_id },
  );

  if (admission.kind === "replay") return replayAnswer(ctx, admission);
  if (admission.kind === "refused") {
    if (admission.error.code === "risk_blocked") await publishRiskBlock(ctx, admission.error, market.instrument.symbol);
    return problemAnswer(admission.error, req.correlationId);
  }
  if (admission.kind === "settled") {
    metrics().ordersTotal.labels(caller.account.broker, admission.settlement.order.status).inc();
    await publishSettlement(admission.settlement);
    if (admission.blocked) await publishRiskBlock(ctx, admission.blocked, market.instrument.symbol);
    return admission.answer;
  }

  const order = admission.order;
  const work = submitAndSettle(adapterFor(caller.account.broker), ref, order, market.instrument, admission.closing, ctx.claims, market.price);
  work.catch((err) => log.error("background settlement failed", { order_id: order.id, error: String(err) }));
  const settled = await withinBudget(work, req.startedAt + ANSWER_BUDGET_MS);
  const final = settled?.order ?? order;
  const answer = withRiskBlock(orderAnswer(final, caller.account.broker, req.correlationId, req.startedAt), admission.blocked);
  if (admission.blocked) await publishRiskBlock(ctx, admission.blocked, market.instrument.symbol);
  if (answer.status >= 400) await markEventRejected(ctx, admission.webhookEventId, answer);
  if (ctx.idempotencyKey) {
    await asUser(ctx.claims, (tx) => storeAnswer(tx, caller.account.account_id, ctx.idempotencyKey!, answer.status, answer.body));
  }
  return answer;
}

async function publishRiskBlock(ctx: AlertContext, error: AppError, symbol: string) {
  const a = ctx.caller.account;
  const bus = await getBus();
  await bus.publish("risk.blocked", {
    user_id: a.user_id,
    correlation_id: ctx.req.correlationId,
    at: new Date().toISOString(),
    account_id: a.account_id,
    broker: a.broker,
    symbol,
    rule: error.extras.rule ?? "unknown",
    reason: error.detail,
  });
}

/** The broker refused after we accepted: the webhook event says so too. */
async function markEventRejected(ctx: AlertContext, eventId: number, answer: AlertAnswer) {
  await asUser(ctx.claims, (tx) =>
    tx.query("update public.webhook_events set outcome = 'rejected', status_code = $2, code = $3, reason = $4 where id = $1", [
      eventId,
      answer.status,
      answer.body.code,
      answer.body.detail,
    ]),
  );
}
