import crypto from "node:crypto";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/http/errors";
import { checkRisk } from "@/lib/risk/check-risk";
import { sizeOrder } from "@/lib/sizing/size-order";
import { BROKER_LIMITS } from "@/lib/sizing/broker-limits";
import { asRiskIntent, paperMarginShortfall, planExitOf, restingReverseRefusal, reverseCloses, withClosingQty } from "./order-plan";
import { getPlan } from "@/lib/plans/catalog";
import { checkTradeAllowance } from "@/lib/plans/check-trade-allowance";
import { usagePeriod } from "@/lib/plans/usage-period";
import { cachedRiskSettings } from "@/lib/settings/risk-settings";
import { cachedTradingConfig } from "@/lib/settings/trading-config";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type AccountRef, type PlaceOrderResult } from "@/brokers/types";
import { readAccountSnapshot, type AccountSnapshot } from "./day-stats";
import { calendarAround } from "./economic-calendar";
import { storeAnswerCte } from "./idempotency";
import { webhookEventCte } from "./webhook-events";
import { sqlParams } from "@/lib/db/sql-params";
import { recordOrder, type NewOrder } from "./record-order";
import { planFill } from "./fill-plan";
import { brokerErrorResult } from "./submit-order";
import { orderAnswer, withRiskBlock } from "./answers";
import { describeResult } from "./describe-result";
import { userLogCte } from "@/lib/log/user-log";
import { statsDay } from "./rows";
import type { Admission, AdmitInput } from "./admission-types";

type Refusal = { error: AppError };

/** Entries and reverses open exposure; exits, exit_all and cancels only reduce it. */
export const opensExposure = (action: string) => action === "entry" || action === "reverse";

/**
 * A disabled account (by hand, or by an emergency stop) opens nothing; what reduces risk
 * (exit, exit_all, cancel) still runs, so a position a flatten could not close can be.
 */
export const accountDisabled = () =>
  new AppError("account_disabled", "This broker account is disabled (for example by an emergency stop). Enable it in the dashboard to trade again; exits still run.");
type Planned = Omit<NewOrder, "id" | "status" | "filledQty" | "avgPrice" | "brokerOrderId" | "reason" | "symbol" | "action" | "type" | "valuePerPoint"> & {
  countTrade: boolean;
  /** A reverse whose opening part the risk rules blocked goes out as an exit, with the block. */
  exitOnly?: AppError;
};

/**
 * The account snapshot with the request's guards: single use of the signature (a replay
 * is refused) and the idempotency claim — one statement, inside a transaction that already
 * holds the account's advisory lock (asUser's lockKey).
 */
async function snapshotWithGuards(tx: Queryable, input: Pick<AdmitInput, "caller" | "idempotencyKey" | "now">, symbol: string, day: string) {
  const { account, signature } = input.caller;
  const snap = await readAccountSnapshot(tx, account.account_id, account.user_id, symbol, input.now, day, {
    signature: signature ? `${signature.t}.${signature.v1}` : null,
    idempotencyKey: input.idempotencyKey,
  });
  if (snap && !snap.signatureFresh) throw new AppError("signature_replayed", "This signature was already used; sign every request afresh.");
  return snap;
}

/** The guards alone, for account actions (exit_all, cancel). Returns the earlier answer of a seen key. */
export async function guardRequest(tx: Queryable, input: Pick<AdmitInput, "caller" | "idempotencyKey" | "now">): Promise<Admission | null> {
  const { account } = input.caller;
  const hours = (await cachedRiskSettings(tx, account.user_id, account.broker)).trading_hours;
  const snap = await snapshotWithGuards(tx, input, "", statsDay(input.now, hours));
  return snap?.replay ? { kind: "replay", ...snap.replay } : null;
}

/**
 * The one short transaction of an alert, under the account's advisory lock: signature,
 * idempotency, plan and risk checks over the day's counters, sizing, then the order.
 * For a remote broker the order is recorded as pending (sent after commit); the built-in
 * paper broker lives in our database, so its fill is booked in this same transaction —
 * there is no moment at which a crash could lose or double it. Concurrent alerts for
 * one account queue on the lock, so they cannot both pass a limit.
 */
export async function admitOrder(tx: Queryable, input: AdmitInput): Promise<Admission> {
  const { caller, intent, market } = input;
  const account = caller.account;

  // A refusal is booked by one statement that also commits: the webhook event, the
  // activity-log line and the answer for the idempotency key.
  const refused = async (r: Refusal): Promise<Admission> => {
    const p = sqlParams();
    const ctes = [
      webhookEventCte(p, { input, outcome: "rejected", error: r.error, orderId: null }),
      userLogCte(p, {
        user_id: account.user_id,
        level: "warn",
        type: r.error.code === "risk_blocked" ? "risk" : "webhook",
        message: `Alert refused (${r.error.extras.rule ?? r.error.code}): ${r.error.detail}`,
        data: { code: r.error.code, rule: r.error.extras.rule ?? null, symbol: market.instrument.symbol },
        correlation_id: input.correlationId,
      }),
    ];
    if (input.idempotencyKey) {
      const body = { refusal: r.error.code, detail: r.error.detail, rule: r.error.extras.rule ?? null };
      ctes.push(storeAnswerCte(p, { accountId: account.account_id, key: input.idempotencyKey, statusCode: r.error.status, body }));
    }
    await tx.queryLast(`with ${ctes.join(",\n")} select 1`, p.values);
    return { kind: "refused", error: r.error };
  };

  const settings = await cachedRiskSettings(tx, account.user_id, account.broker);
  const day = statsDay(input.now, settings.trading_hours);
  const snap = await snapshotWithGuards(tx, input, market.instrument.symbol, day);
  if (snap?.replay) return { kind: "replay", ...snap.replay };
  if (!snap || (!snap.enabled && opensExposure(intent.action))) return refused({ error: accountDisabled() });

  const planned = intent.action === "exit" ? planExit(input, snap) : await planEntry(tx, input, snap, settings);
  if ("error" in planned) return refused(planned);

  const { countTrade, exitOnly: blocked, ...levels } = planned;
  const action = blocked ? "exit" : intent.action;
  const order: NewOrder = {
    ...levels,
    id: crypto.randomUUID(),
    symbol: market.instrument.symbol,
    action,
    type: action === "exit" ? "market" : intent.type,
    valuePerPoint: market.instrument.valuePerPoint,
    status: "pending",
    filledQty: 0,
    avgPrice: null,
    brokerOrderId: null,
    reason: null,
  };
  const adapter = adapterFor(account.broker);
  const note = blocked ? `Reverse: the position was closed; opening the other side was blocked (${blocked.extras.rule}): ${blocked.detail}` : undefined;
  if (!adapter.inProcess) {
    // Sending is final: the plan's trade is claimed first.
    const used = countTrade ? await claimPlanTrade(tx, input) : null;
    if (used) return refused(used);
    const { order: row, webhookEventId } = await recordOrder(tx, input, order, { countTrade, day, answer: null, endsTransaction: true, note });
    return { kind: "accepted", order: row, webhookEventId, closing: action === "reverse" || action === "exit" ? snap.position : null, blocked };
  }

  // In-process (paper): the broker answers now, inside the transaction, and the order, its
  // fill and its position are written by one statement.
  const result = await placeInProcess(input, order, snap);
  // An order the broker refuses does not use up the plan's trades.
  const used = countTrade && result.status !== "rejected" ? await claimPlanTrade(tx, input) : null;
  if (used) return refused(used);
  const filled = result.status === "filled" && result.avgPrice !== undefined ? (result.filledQty ?? order.qty) : 0;
  const plan = filled > 0 ? planFill({ side: order.side, action: order.action, value_per_point: order.valuePerPoint, stop_loss: order.stopLoss, take_profit: order.takeProfit, trailing_stop: order.trailing }, snap.position, filled, result.avgPrice!) : null;
  const done: NewOrder = {
    ...order,
    status: result.status === "pending" ? "rejected" : (result.status as NewOrder["status"]),
    filledQty: filled,
    avgPrice: result.avgPrice ?? null,
    brokerOrderId: result.brokerOrderId ?? null,
    reason: result.reason ?? null,
    positionId: plan?.positionId ?? order.positionId,
  };
  const answer = withRiskBlock(orderAnswer(
    { id: done.id, status: done.status, broker_order_id: done.brokerOrderId, filled_qty: done.filledQty, avg_price: done.avgPrice, reason: done.reason, broker_code: result.brokerCode },
    account.broker,
    input.correlationId,
    input.startedAt,
  ), blocked);
  const level = done.status === "rejected" ? ("warn" as const) : ("info" as const);
  const message = describeResult({ side: done.side, qty: done.qty, filled_qty: done.filledQty, symbol: done.symbol }, result);
  const data = { order_id: done.id, status: done.status };
  const { order: row, fill } = await recordOrder(tx, input, done, {
    countTrade: countTrade && done.status !== "rejected",
    day,
    answer,
    paper: { log: { level, message, data }, fill: plan ? { plan, price: result.avgPrice! } : null },
    endsTransaction: true,
    note,
  });
  const log = { user_id: account.user_id, level, type: "order", message, correlation_id: input.correlationId };
  return { kind: "settled", answer, blocked, settlement: { order: row, positions: fill?.positions ?? [], realizedPnl: plan?.realizedPnl ?? 0, filled: filled > 0, log } };
}

async function placeInProcess(input: AdmitInput, order: NewOrder, snap: AccountSnapshot): Promise<PlaceOrderResult> {
  const a = input.caller.account;
  const ref: AccountRef = { accountId: a.account_id, userId: a.user_id, mode: a.mode, externalAccountId: null, credentials: null };
  const adapter = adapterFor(a.broker);
  try {
    if (order.action === "exit") {
      const p = snap.position!;
      return await adapter.closePosition(ref, input.market.instrument, order.qty, { side: p.side, qty: p.qty, entryPrice: p.entry_price }, { clientOrderId: order.id });
    }
    // Read under the account's lock: concurrent entries cannot all spend the same free margin.
    const short = paperMarginShortfall(snap, { ...order, price: order.price ?? input.market.price }, snap.position);
    if (short) return { status: "rejected", reason: short, brokerCode: "insufficient_margin" };
    return await adapter.placeOrder(ref, {
      clientOrderId: order.id,
      instrument: input.market.instrument,
      side: order.side,
      type: order.type,
      qty: order.qty,
      price: order.price ?? undefined,
      stopLoss: order.stopLoss ?? undefined,
      takeProfit: order.takeProfit ?? undefined,
      trailing: order.trailing ? { distance: order.trailing.distance } : undefined,
      tag: input.intent.tag,
    });
  } catch (err) {
    // A broker refusal is an answer; anything else aborts the transaction: nothing is booked.
    if (err instanceof BrokerError) return brokerErrorResult(err);
    throw err;
  }
}

async function planEntry(tx: Queryable, input: AdmitInput, snap: AccountSnapshot, settings: Awaited<ReturnType<typeof cachedRiskSettings>>): Promise<Planned | Refusal> {
  const { caller, intent, now, market } = input;
  const account = caller.account;
  const plan = getPlan(account.plan);
  const trial = checkTradeAllowance(plan, { tradesUsed: 0, now, trialEndsAt: account.trial_ends_at });
  if (!trial.ok) return { error: new AppError(trial.code, trial.reason) };

  // A reverse first closes what is open on the other side, in the same order; in the side
  // already held it closes nothing, and the rules see it as the entry it is.
  const closing = reverseCloses(intent, snap.position);
  const calendar = settings.enabled && settings.news_lockout.enabled ? await calendarAround(tx, now) : [];
  const risk = checkRisk({ intent: asRiskIntent(intent, closing, market.instrument.symbol), settings, stats: snap.stats, now, calendar });
  if (!risk.ok) {
    const error = new AppError("risk_blocked", risk.reason, { rule: risk.rule });
    // Only the opening part of a reverse is blocked: the position it exits is still closed.
    const exit = closing ? planExit(input, snap, closing.qty) : null;
    return exit && !("error" in exit) ? { ...exit, exitOnly: error } : { error };
  }

  if (market.price === null) {
    return { error: new AppError("constraint_violation", `No current price for ${market.instrument.symbol} from ${account.broker}; include "price" in the alert (TradingView: {{close}}).`) };
  }
  const config = await cachedTradingConfig(tx, account.user_id, account.broker);
  const sized = sizeOrder({ intent, config, instrument: market.instrument, equity: snap.equity, price: market.price, maxLeverage: BROKER_LIMITS[account.broker]?.maxLeverage });
  if (!sized.ok) return { error: new AppError("constraint_violation", sized.reason) };

  const resting = restingReverseRefusal(intent, closing, market.instrument.symbol);
  if (resting) return { error: resting };
  const qty = withClosingQty(sized.order.qty, closing);

  const o = sized.order;
  return {
    side: intent.side!,
    qty,
    price: intent.type === "market" ? null : o.entryPrice,
    stopLoss: o.stopLoss ?? null,
    takeProfit: o.takeProfit ?? null,
    trailing: o.trailingDistance ? { distance: o.trailingDistance, stop: null } : null,
    positionId: closing?.id ?? null,
    countTrade: true,
  };
}

/** Counts one trade against the plan's allowance for the period; the refusal when it is used up. */
async function claimPlanTrade(tx: Queryable, input: AdmitInput): Promise<Refusal | null> {
  const { account } = input.caller;
  const plan = getPlan(account.plan);
  const limit = plan.tradesPerPeriod;
  if (limit === null) return null;
  const [{ n }] = await tx.query<{ n: number | null }>("select public.claim_plan_trade($1, $2) as n", [usagePeriod(plan, input.now), limit]);
  if (n !== null) return null;
  const used = checkTradeAllowance(plan, { tradesUsed: limit, now: input.now, trialEndsAt: account.trial_ends_at });
  return { error: new AppError(used.ok ? "plan_limit" : used.code, used.ok ? "Plan trade allowance used up." : used.reason) };
}

/** The exit of the open position (planExitOf), as a plan that counts no trade. */
function planExit(input: AdmitInput, snap: AccountSnapshot, wanted = input.intent.qty): Planned | Refusal {
  const exit = planExitOf(input.market.instrument, snap.position, snap.exitPending, wanted);
  if ("error" in exit) return exit;
  return { ...exit, price: null, stopLoss: null, takeProfit: null, trailing: null, countTrade: false };
}
