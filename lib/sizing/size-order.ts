/**
 * Intent + trading config + instrument → the concrete order sent to the broker. Pure: the
 * caller supplies equity and the current price. Every rounding goes the way that never
 * increases risk; whatever cannot be met is a `constraint_violation` with a reason.
 */
import type { Instrument, Side } from "@/brokers/types";
import type { Intent } from "@/lib/intake/schemas";
import { constrainQty } from "./constrain-qty";
import { formatMoney, formatNumber } from "./format-number";
import { capToLeverage } from "./leverage-cap";
import { accountValueProblem } from "@/brokers/shared/account-value";
import { type QtyMode, requestedQty } from "./requested-qty";
import { ceilToStep, floorToStep, isMultipleOfStep, roundToStep } from "./round-to-step";
import type { TradingConfig } from "./schemas";
import { stopLossPrice, takeProfitPrice, trailingDistance } from "./stop-levels";

export type SizeOrderInput = {
  intent: Intent;
  /** The user's trading config for this broker; fills what the intent leaves out. */
  config: TradingConfig | null;
  /** The instrument with broker limits already applied (see applyBrokerLimits). */
  instrument: Instrument;
  /** Account equity in account currency. */
  equity: number;
  /** Current reference price; for limit/stop orders the intent's price is the entry instead. */
  price: number;
  /**
   * The broker's maximum leverage (notional : equity), where it documents one
   * (`BROKER_LIMITS[broker].maxLeverage`, TradeLocker 500:1); the quantity is capped so the
   * notional stays within equity × leverage. Omitted: no leverage cap.
   */
  maxLeverage?: number;
};

export type SizedOrder = {
  qty: number;
  entryPrice: number;
  stopLoss?: number;
  takeProfit?: number;
  /** Trailing stop distance in price units. */
  trailingDistance?: number;
  /** qty × entry × value per point, in account currency. */
  notional: number;
  /**
   * Loss at the initial stop: qty × stop distance × value per point, the distance being the
   * wider of the stop loss and a trailing stop (which replaces it at some brokers). Set when
   * there is a stop loss.
   */
  riskAmount?: number;
  /** What sizing changed and why, for the playground and the order log. */
  adjustments: string[];
};

export type SizeOrderResult = { ok: true; order: SizedOrder } | { ok: false; code: "constraint_violation"; reason: string };

/**
 * Sizes an entry or reverse intent (for a reverse, the new position; closing the old one is
 * the caller's job). Order of work: entry price on the tick grid → stop loss → take profit
 * (rr uses the rounded stop distance) → trailing → quantity from its mode (risk modes on
 * the wider of stop and trailing distance) → constraints → leverage.
 */
export function sizeOrder(input: SizeOrderInput): SizeOrderResult {
  const { intent, instrument } = input;
  const config = input.config;
  const side = intent.side;
  if ((intent.action !== "entry" && intent.action !== "reverse") || !side) {
    return reject(`only entry and reverse orders are sized (got ${intent.action}${side ? "" : " without a side"})`);
  }
  if (!(input.price > 0) || !Number.isFinite(input.price)) return reject(`no usable price for ${instrument.symbol}`);
  const adjustments: string[] = [];
  const tick = instrument.tickSize;

  const wanted = intent.type === "market" ? input.price : (intent.price ?? input.price);
  const entryPrice = entryOnTick(wanted, intent.type, side, tick);
  if (!isMultipleOfStep(wanted, tick)) {
    adjustments.push(`${intent.type} price ${formatNumber(wanted)} rounded to ${formatNumber(entryPrice)} (tick ${formatNumber(tick)})`);
  }
  if (!(entryPrice > 0)) return reject(`price ${formatNumber(wanted)} is below one tick (${formatNumber(tick)})`);
  if (!Number.isFinite(entryPrice)) return reject(`price ${formatNumber(wanted)} is too large to place on the tick grid (${formatNumber(tick)})`);

  const slSpec = intent.sl ?? (config?.sl_percentage ? { mode: "pct" as const, value: config.sl_percentage } : undefined);
  let stopLoss: number | undefined;
  let stopDistance: number | undefined;
  if (slSpec) {
    const sl = stopLossPrice(slSpec, side, entryPrice, instrument);
    if (!sl.ok) return reject(sl.reason);
    if (sl.note) adjustments.push(sl.note);
    stopLoss = sl.price;
    // Both prices are on the grid; the nearest step removes the subtraction's float noise.
    stopDistance = roundToStep(Math.abs(entryPrice - stopLoss), tick);
  }

  let tpSpec = intent.tp;
  if (!tpSpec && config?.tp_percentage) tpSpec = { mode: "pct", value: config.tp_percentage };
  if (!tpSpec && config?.risk_reward_ratio) {
    if (stopDistance !== undefined) tpSpec = { mode: "rr", value: config.risk_reward_ratio };
    else adjustments.push("no take profit: the trading config's risk_reward_ratio needs a stop loss");
  }
  let takeProfit: number | undefined;
  if (tpSpec) {
    const tp = takeProfitPrice(tpSpec, side, entryPrice, instrument, stopDistance);
    if (!tp.ok) return reject(tp.reason);
    if (tp.note) adjustments.push(tp.note);
    takeProfit = tp.price;
  }

  let trailSpec = intent.trailing;
  if (!trailSpec && config?.use_trailing_sl) {
    if (config.trailing_pct) trailSpec = { mode: "pct", value: config.trailing_pct };
    else adjustments.push("no trailing stop: use_trailing_sl is on but trailing_pct is not set");
  }
  let trailing: number | undefined;
  if (trailSpec) {
    const t = trailingDistance(trailSpec, entryPrice, instrument);
    if (!t.ok) return reject(t.reason);
    trailing = t.distance;
  }

  const qtyMode: QtyMode = intent.qty_mode ?? (intent.qty !== undefined ? "fixed" : (config?.lot_size_mode ?? "fixed"));
  const amount = intent.qty ?? configAmount(qtyMode, config);
  if (amount === undefined) {
    return reject(`no quantity: the alert has none and the trading config sets no amount for ${qtyMode}`);
  }
  // The instrument's value in the account's currency is unknown (no conversion rate): a
  // quantity from risk, cash or equity would be sized in the wrong unit. A fixed one is fine.
  const unvalued = accountValueProblem(instrument);
  if (unvalued && qtyMode !== "fixed") return reject(`${unvalued}: a ${qtyMode} quantity cannot be sized in the account's currency; send a fixed qty`);
  // TradeLocker and Topstep hold one stop per position: a trailing stop replaces the fixed
  // one, so until it tightens the position can lose the wider of the two distances.
  let riskDistance = stopDistance;
  if (stopDistance !== undefined && trailing !== undefined && trailing > stopDistance) {
    riskDistance = trailing;
    if (qtyMode === "risk_pct" || qtyMode === "risk_usd") {
      adjustments.push(`risk sized on the trailing stop's distance ${formatNumber(trailing)}, wider than the stop loss's ${formatNumber(stopDistance)} (a broker that trails replaces the fixed stop)`);
    }
  }
  const requested = requestedQty({ mode: qtyMode, amount, equity: input.equity, entryPrice, stopDistance: riskDistance, valuePerPoint: instrument.valuePerPoint });
  if (!requested.ok) return reject(requested.reason);
  const constrained = constrainQty(requested.qty, instrument);
  if (!constrained.ok) {
    const why = requested.requestedRisk !== undefined && riskDistance !== undefined
      ? ` (risking ${formatMoney(requested.requestedRisk)} with the stop ${formatNumber(riskDistance)} away)`
      : "";
    return reject(constrained.reason + why);
  }
  adjustments.push(...constrained.adjustments);

  let qty = constrained.qty;
  if (input.maxLeverage !== undefined && !unvalued) {
    const capped = capToLeverage(qty, entryPrice, input.equity, input.maxLeverage, instrument);
    if (!capped.ok) return reject(capped.reason);
    if (capped.note) adjustments.push(capped.note);
    qty = capped.qty;
  }
  const order: SizedOrder = {
    qty,
    entryPrice,
    notional: cleanMoney(qty * entryPrice * instrument.valuePerPoint),
    adjustments,
  };
  if (stopLoss !== undefined && riskDistance !== undefined) {
    order.stopLoss = stopLoss;
    order.riskAmount = cleanMoney(qty * riskDistance * instrument.valuePerPoint);
  }
  if (!Number.isFinite(order.notional) || (order.riskAmount !== undefined && !Number.isFinite(order.riskAmount))) {
    return reject(`${formatNumber(qty)} of ${instrument.symbol} at ${formatNumber(entryPrice)} is too large a notional to size`);
  }
  if (takeProfit !== undefined) order.takeProfit = takeProfit;
  if (trailing !== undefined) order.trailingDistance = trailing;
  return { ok: true, order };
}

/**
 * Limit prices round to the better price (a buy never pays more than asked); stop triggers
 * round away from the market (never triggered before the trader's level). A market order's
 * reference price rounds against the trader (a buy up, a sell down): the fill happens at the
 * unrounded price, so rounding toward the stop would size on a shorter distance than the real
 * one and risk more than asked.
 */
function entryOnTick(price: number, type: Intent["type"], side: Side, tick: number): number {
  const down = type === "market" ? side === "sell" : type === "limit" ? side === "buy" : side === "sell";
  return down ? floorToStep(price, tick) : ceilToStep(price, tick);
}

/** Which trading-config field holds the amount for each mode (see putTradingConfigBody). */
function configAmount(mode: QtyMode, config: TradingConfig | null): number | undefined {
  if (!config) return undefined;
  const value = mode === "risk_pct" || mode === "pct_equity" ? config.risk_pct : config.fixed_lot_size;
  return value ?? undefined;
}

/** Drops float noise from a product (55000.00000000001 → 55000) without rounding to cents. */
function cleanMoney(n: number): number {
  return Number(n.toPrecision(12));
}

function reject(reason: string): SizeOrderResult {
  return { ok: false, code: "constraint_violation", reason };
}
