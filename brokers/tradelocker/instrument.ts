import type { Instrument, InstrumentKind } from "@/brokers/types";
import { asArray, asRecord, num, str, type JsonRecord } from "@/brokers/shared/json";
import { combineQtyLimits } from "@/brokers/shared/qty-limits";
import { normalizeName } from "./symbol-match";

/** Seed limits for TradeLocker (product spec, seed 000): 0.01–100 lots. */
export const TRADELOCKER_SEED_LIMITS = { minQty: 0.01, maxQty: 100, qtyStep: 0.01 };

const CURRENCIES = new Set(["USD", "EUR", "GBP", "JPY", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "SGD", "HKD", "ZAR", "MXN", "TRY", "PLN", "CNH"]);

/** One entry of GET /trade/accounts/{id}/instruments (`d.instruments[]`). */
export type TlInstrument = { tradableInstrumentId: number; name: string; type?: string; tradeRouteId?: number; infoRouteId?: number; raw: JsonRecord };

/** Reads the instruments list, keeping the TRADE and INFO route ids of each. */
export function readInstruments(data: JsonRecord): TlInstrument[] {
  return asArray(data.instruments).flatMap((item) => {
    const raw = asRecord(item);
    const tradableInstrumentId = num(raw.tradableInstrumentId);
    const name = str(raw.name);
    if (tradableInstrumentId === undefined || !name) return [];
    const routes = asArray(raw.routes).map(asRecord);
    const route = (type: string) => num(routes.find((r) => str(r.type)?.toUpperCase() === type)?.id);
    return [{ tradableInstrumentId, name, type: str(raw.type), tradeRouteId: route("TRADE"), infoRouteId: route("INFO"), raw }];
  });
}

/** What kind of market an instrument is, from its type or, failing that, its name. */
export function instrumentKind(inst: Pick<TlInstrument, "name" | "type">): InstrumentKind {
  const type = (inst.type ?? "").toUpperCase();
  const name = normalizeName(inst.name);
  if (name.startsWith("XAU") || name.startsWith("XAG") || name.startsWith("XPT") || name.startsWith("XPD")) return "metal";
  if (type.includes("CRYPTO")) return "crypto";
  if (type.includes("FOREX") || type === "FX") return "fx";
  if (type.includes("EQUIT") || type.includes("STOCK")) return "stock";
  if (type.includes("FUTURE")) return "future";
  if (name.length === 6 && CURRENCIES.has(name.slice(0, 3)) && CURRENCIES.has(name.slice(3))) return "fx";
  if (/^(BTC|ETH|LTC|XRP|SOL|ADA|DOGE)/.test(name)) return "crypto";
  return "index";
}

function firstTickSize(value: unknown): number | undefined {
  const direct = num(value);
  if (direct !== undefined) return direct;
  // Instrument details give tick sizes as price ranges: [{leftRangeLimit, rightRangeLimit, tickSize}].
  return num(asRecord(asArray(value)[0]).tickSize);
}

/**
 * The currency an instrument's price is quoted in, when its name says so: the last three
 * letters of an FX pair (EURGBP → GBP), or of a metal or coin ending in a currency code
 * (XAUUSD → USD, BTCJPY → JPY). Undefined for indices, stocks and anything else: for
 * those only the instrument details can tell (their `quotingCurrency`).
 */
export function quoteCurrencyInName(inst: Pick<TlInstrument, "name" | "type">): string | undefined {
  const kind = instrumentKind(inst);
  const name = normalizeName(inst.name);
  const tail = name.slice(-3);
  if (kind === "fx") return name.length === 6 && CURRENCIES.has(tail) ? tail : undefined;
  if ((kind === "metal" || kind === "crypto") && name.length > 3 && CURRENCIES.has(tail)) return tail;
  return undefined;
}

/**
 * Builds our Instrument. Lot limits come from the instrument entry when the broker sends
 * them (lotStep/minLot/maxLot), combined with the seed 0.01–100 lots. Pip and contract
 * size follow FX convention (1 lot = 100,000 units, pip 0.0001, JPY 0.01); metals' pips
 * are the paper catalog's (gold 0.1, silver 0.01), so "sl 50 pips" means the same stop at
 * every broker; valuePerPoint
 * is money per 1.0 price move per lot in the instrument's QUOTE currency — the adapter
 * converts it to the account's currency before anyone sizes with it.
 */
export function toInstrument(inst: TlInstrument): Instrument {
  const kind = instrumentKind(inst);
  const name = normalizeName(inst.name);
  const raw = inst.raw;
  const pipSize =
    kind === "fx" ? (name.endsWith("JPY") ? 0.01 : 0.0001) : kind === "metal" ? (name.startsWith("XAG") ? 0.01 : 0.1) : kind === "stock" ? 0.01 : 1;
  const defaultContract = kind === "fx" ? 100_000 : name.startsWith("XAU") ? 100 : name.startsWith("XAG") ? 5_000 : 1;
  const contractSize = num(raw.lotSize) ?? num(raw.contractSize) ?? defaultContract;
  const tickSize = firstTickSize(raw.tickSize) ?? (kind === "fx" || kind === "metal" ? pipSize / 10 : 0.01);
  const limits = combineQtyLimits(
    {
      minQty: num(raw.minLot) ?? num(raw.minOrderQuantity),
      maxQty: num(raw.maxLot) ?? num(raw.maxOrderQuantity),
      qtyStep: num(raw.lotStep),
    },
    TRADELOCKER_SEED_LIMITS,
  );
  const meta: Record<string, string | number> = { tradableInstrumentId: inst.tradableInstrumentId };
  if (inst.tradeRouteId !== undefined) meta.routeId = inst.tradeRouteId;
  if (inst.infoRouteId !== undefined) meta.infoRouteId = inst.infoRouteId;
  return {
    symbol: name,
    brokerSymbol: inst.name,
    kind,
    ...limits,
    tickSize,
    pipSize,
    valuePerPoint: contractSize,
    contractSize,
    meta,
  };
}
