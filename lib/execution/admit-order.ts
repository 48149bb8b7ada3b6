import crypto from "node:crypto";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/http/errors";
import { checkRisk } from "@/lib/risk/check-risk";
import { sizeOrder } from "@/lib/sizing/size-order";
import { floorToStep } from "@/lib/sizing/round-to-step";
import { getPlan } from "@/lib/plans/catalog";
import { checkTradeAllowance } from "@/lib/plans/check-trade-allowance";
import { usagePeriod } from "@/lib/plans/usage-period";
import { cachedRiskSettings } from "@/lib/settings/risk-settings";
import { cachedTradingConfig } from "@/lib/settings/trading-config";
import { countTrade, readDayStats } from "./day-stats";
import { calendarAround } from "./economic-calendar";
import { claimIdempotencyKey, storeAnswer } from "./idempotency";
import { insertWebhookEvent } from "./webhook-events";
import type { Admission, AdmitInput } from "./admission-types";
import type { OrderRow, PositionRow } from "./rows";

type Refusal = { error: AppError };

/**
 * The start of every alert's transaction: the account lock, single use of the signature,
 * and the idempotency claim. Returns the earlier answer when the key was seen before.
 */
export async function guardRequest(tx: Queryable, input: Pick<AdmitInput, "caller" | "idempotencyKey" | "now">): Promise<Admission | null> {
  const account = input.caller.account;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [account.account_id]);
  const sig = input.caller.signature;
  if (sig) {
    const fresh = await tx.query(
      "insert into public.webhook_signatures (account_id, signature, user_id) values ($1, $2, $3) on conflict do nothing returning 1",
      [account.account_id, `${sig.t}.${sig.v1}`, account.user_id],
    );
    if (!fresh.length) throw new AppError("signature_replayed", "This signature was already used; sign every request afresh.");
  }
  if (!input.idempotencyKey) return null;
  const replay = await claimIdempotencyKey(tx, account.account_id, account.user_id, input.idempotencyKey, input.now);
  return replay ? { kind: "replay", ...replay } : null;
}

/**
 * The one short transaction of an alert, under the account's advisory lock: signature
 * single use, idempotency claim, plan and risk checks over the day's counters, sizing,
 * then the order recorded as pending and the webhook event written. Concurrent alerts
 * for the same account queue on the lock, so they cannot both pass a limit.
 */
export async function admitOrder(tx: Queryable, input: AdmitInput): Promise<Admission> {
  const { caller, intent } = input;
  const account = caller.account;
  const replay = await guardRequest(tx, input);
  if (replay) return replay;

  const refused = async (r: Refusal): Promise<Admission> => {
    await insertWebhookEvent(tx, { input, outcome: "rejected", error: r.error, orderId: null });
    if (input.idempotencyKey) await storeAnswer(tx, account.account_id, input.idempotencyKey, r.error.status, { refusal: r.error.code, detail: r.error.detail, rule: r.error.extras.rule ?? null });
    return { kind: "refused", error: r.error };
  };

  const [acc] = await tx.query<{ enabled: boolean; equity: number }>("select enabled, equity from public.broker_accounts where id = $1", [account.account_id]);
  if (!acc?.enabled) return refused({ error: new AppError("account_disabled", "This broker account is disabled (for example by an emergency stop). Enable it in the dashboard to trade again.") });

  const decision = intent.action === "exit" ? await planExit(tx, input) : await planEntry(tx, input, acc.equity);
  if ("error" in decision) return refused(decision);

  const order = await insertPendingOrder(tx, input, decision);
  if (decision.timeZone) await countTrade(tx, account.account_id, input.now, decision.timeZone);
  await insertWebhookEvent(tx, { input, outcome: "accepted", error: null, orderId: order.id });
  if (input.idempotencyKey) await tx.query("update public.idempotency_keys set order_id = $3 where account_id = $1 and key = $2", [account.account_id, input.idempotencyKey, order.id]);
  return { kind: "accepted", order, closing: decision.closing, sized: decision.sized };
}

type Planned = {
  side: "buy" | "sell";
  qty: number;
  price: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  trailing: number | null;
  closing: PositionRow | null;
  sized: import("@/lib/sizing/size-order").SizedOrder | null;
  /** Entries only: the time zone of the trading day the trade is counted in. */
  timeZone: string | null;
};

async function planEntry(tx: Queryable, input: AdmitInput, equity: number): Promise<Planned | Refusal> {
  const { caller, intent, now, market } = input;
  const account = caller.account;
  const plan = getPlan(account.plan);
  const trial = checkTradeAllowance(plan, { tradesUsed: 0, now, trialEndsAt: account.trial_ends_at });
  if (!trial.ok) return { error: new AppError(trial.code, trial.reason) };

  const settings = await cachedRiskSettings(tx, account.user_id, account.broker);
  const config = await cachedTradingConfig(tx, account.user_id, account.broker);
  const stats = await readDayStats(tx, account.account_id, account.user_id, equity, now, settings.trading_hours.timezone);
  const calendar = settings.enabled && settings.news_lockout.enabled ? await calendarAround(tx, now) : [];
  const risk = checkRisk({ intent: { ...intent, symbol: market.instrument.symbol }, settings, stats, now, calendar });
  if (!risk.ok) return { error: new AppError("risk_blocked", risk.reason, { rule: risk.rule }) };

  if (market.price === null) {
    return { error: new AppError("constraint_violation", `No current price for ${market.instrument.symbol} from ${account.broker}; include "price" in the alert (TradingView: {{close}}).`) };
  }
  const sized = sizeOrder({ intent, config, instrument: market.instrument, equity, price: market.price });
  if (!sized.ok) return { error: new AppError("constraint_violation", sized.reason) };

  // A reverse first closes what is open on the other side, in the same order.
  let closing: PositionRow | null = null;
  let qty = sized.order.qty;
  if (intent.action === "reverse") {
    const [open] = await tx.query<PositionRow>("select * from public.positions where account_id = $1 and symbol = $2 and status = 'open'", [
      account.account_id,
      market.instrument.symbol,
    ]);
    if (open && open.side !== intent.side) {
      closing = open;
      qty = Math.round((qty + open.qty) * 1e6) / 1e6;
    }
  }

  const limit = plan.tradesPerPeriod;
  if (limit !== null) {
    const [{ n }] = await tx.query<{ n: number | null }>("select public.claim_plan_trade($1, $2) as n", [usagePeriod(plan, now), limit]);
    if (n === null) {
      const used = checkTradeAllowance(plan, { tradesUsed: limit, now, trialEndsAt: account.trial_ends_at });
      return { error: new AppError(used.ok ? "plan_limit" : used.code, used.ok ? "Plan trade allowance used up." : used.reason) };
    }
  }
  const o = sized.order;
  return { side: intent.side!, qty, price: intent.type === "market" ? null : o.entryPrice, stopLoss: o.stopLoss ?? null, takeProfit: o.takeProfit ?? null, trailing: o.trailingDistance ?? null, closing, sized: o, timeZone: settings.trading_hours.timezone };
}

async function planExit(tx: Queryable, input: AdmitInput): Promise<Planned | Refusal> {
  const { market, intent, caller } = input;
  const symbol = market.instrument.symbol;
  const [open] = await tx.query<PositionRow>("select * from public.positions where account_id = $1 and symbol = $2 and status = 'open'", [
    caller.account.account_id,
    symbol,
  ]);
  if (!open) return { error: new AppError("conflict", `There is no open ${symbol} position on this account to exit.`) };
  const pending = await tx.query("select 1 from public.orders where account_id = $1 and symbol = $2 and action = 'exit' and status = 'pending' limit 1", [
    caller.account.account_id,
    symbol,
  ]);
  if (pending.length) return { error: new AppError("conflict", `An exit of ${symbol} is already being sent to the broker.`) };
  let qty = open.qty;
  if (intent.qty !== undefined && intent.qty < open.qty) {
    qty = floorToStep(intent.qty, market.instrument.qtyStep);
    if (qty < market.instrument.minQty) {
      return { error: new AppError("constraint_violation", `An exit of ${intent.qty} is below the minimum ${market.instrument.minQty} for ${symbol}.`) };
    }
  }
  return { side: open.side === "buy" ? "sell" : "buy", qty, price: null, stopLoss: null, takeProfit: null, trailing: null, closing: open, sized: null, timeZone: null };
}

async function insertPendingOrder(tx: Queryable, input: AdmitInput, p: Planned): Promise<OrderRow> {
  const { caller, intent, market } = input;
  const a = caller.account;
  const [order] = await tx.query<OrderRow>(
    `insert into public.orders
       (id, user_id, account_id, broker, symbol, action, side, type, qty, price, stop_loss, take_profit, trailing_stop,
        value_per_point, status, position_id, tag, source, correlation_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'pending', $15, $16, $17, $18) returning *`,
    [
      crypto.randomUUID(),
      a.user_id,
      a.account_id,
      a.broker,
      market.instrument.symbol,
      intent.action,
      p.side,
      intent.action === "exit" ? "market" : intent.type,
      p.qty,
      p.price,
      p.stopLoss,
      p.takeProfit,
      p.trailing ? JSON.stringify({ distance: p.trailing, stop: null }) : null,
      market.instrument.valuePerPoint,
      p.closing?.id ?? null,
      intent.tag ?? null,
      input.source,
      input.correlationId,
    ],
  );
  return order;
}
