/**
 * An instrument's value per point in the ACCOUNT's currency. Brokers state what a 1.0 price
 * move of one lot is worth in the pair's QUOTE currency (EURGBP: GBP 100,000; USDJPY:
 * JPY 100,000); sizing compares it with equity, so on a USD account it must first become
 * USD at the broker's own current rate (× GBPUSD, ÷ USDJPY).
 */
import type { Instrument } from "@/brokers/types";

/** The pair whose mid turns money in one currency into another: × mid (GBPUSD: GBP → USD) or ÷ mid (USDJPY: JPY → USD). */
export type ConversionPair = { pair: string; divide: boolean };

/**
 * The pair to price money in `from` with, in `to`: `from`+`to` (multiply by its mid) or
 * `to`+`from` (divide), whichever `isListed` knows; null when neither is (no cross via a
 * third currency). Currency codes are compared upper-case.
 */
export function conversionPair(from: string, to: string, isListed: (pair: string) => boolean): ConversionPair | null {
  const f = from.trim().toUpperCase();
  const t = to.trim().toUpperCase();
  if (isListed(f + t)) return { pair: f + t, divide: false };
  if (isListed(t + f)) return { pair: t + f, divide: true };
  return null;
}

/**
 * `amount` (money in the pair's `from` currency) in the `to` currency at `mid`, the current
 * mid price of `via.pair`; undefined when the mid is not a usable price (≤ 0, NaN, ∞), so a
 * bad quote can never turn into a size.
 */
export function convertAtMid(amount: number, via: ConversionPair, mid: number): number | undefined {
  if (!(mid > 0) || !Number.isFinite(mid)) return undefined;
  const value = via.divide ? amount / mid : amount * mid;
  return Number.isFinite(value) ? value : undefined;
}

// Kept in Instrument.meta, which survives applyBrokerLimits and travels with the order to placeOrder.
const UNVALUED = "accountValueUnavailable";

/**
 * The instrument marked as not valued in the account's currency (`reason` says why): its
 * valuePerPoint stays as it was (good enough to close, and for a fixed quantity), but
 * sizeOrder refuses the quantity modes that depend on it (risk %, risk $, cash, % of
 * equity), so nothing is sized in the wrong unit.
 */
export function withoutAccountValue(instrument: Instrument, reason: string): Instrument {
  return { ...instrument, meta: { ...instrument.meta, [UNVALUED]: reason } };
}

/** Why this instrument's value in the account's currency is unknown, else undefined. */
export function accountValueProblem(instrument: Instrument): string | undefined {
  const reason = instrument.meta?.[UNVALUED];
  return typeof reason === "string" ? reason : undefined;
}
