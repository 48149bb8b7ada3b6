import type { BrokerOrder, BrokerPosition, OrderType, PlaceOrderResult } from "@/brokers/types";
import { num, str, type JsonRecord } from "@/brokers/shared/json";
import { orderIdValue } from "./close-fill";
import { tradeLockerOrderStatus } from "./order-status";
import { normalizeName } from "./symbol-match";

/** Reads a price column; TradeLocker leaves unset prices as 0 or null. */
function price(v: unknown): number | undefined {
  const n = num(v);
  return n === undefined || n === 0 ? undefined : n;
}

function side(v: unknown): "buy" | "sell" {
  return str(v)?.toLowerCase() === "sell" ? "sell" : "buy";
}

/**
 * The order our strategyId was placed with, among every order row carrying it: the first
 * one created (createdDate, then id). The stop-loss and take-profit orders TradeLocker
 * attaches to the filled position, and the orders that later close it, can carry the same
 * strategyId; they are always created after the entry, whatever order the lists come in.
 */
export function firstPlacedRow(rows: JsonRecord[]): JsonRecord | undefined {
  return rows.reduce<JsonRecord | undefined>((first, row) => {
    if (!first) return row;
    const a = num(first.createdDate) ?? Infinity;
    const b = num(row.createdDate) ?? Infinity;
    if (a !== b) return b < a ? row : first;
    return orderIdValue(row) < orderIdValue(first) ? row : first;
  }, undefined);
}

/** An order row (by column name) as the outcome of placing it. */
export function orderRowResult(row: JsonRecord): PlaceOrderResult {
  const qty = num(row.qty);
  const filledQty = num(row.filledQty);
  const status = tradeLockerOrderStatus(str(row.status), qty, filledQty);
  return {
    status,
    brokerOrderId: str(row.id),
    filledQty: filledQty ?? (status === "filled" ? qty : undefined),
    avgPrice: price(row.avgPrice),
  };
}

/** An order row as a BrokerOrder; `names` maps tradableInstrumentId → instrument name. */
export function orderRowToBrokerOrder(row: JsonRecord, names: Map<number, string>): BrokerOrder {
  const result = orderRowResult(row);
  const type = (str(row.type)?.toLowerCase() ?? "market") as string;
  const instrumentId = num(row.tradableInstrumentId);
  const name = instrumentId !== undefined ? names.get(instrumentId) : undefined;
  return {
    brokerOrderId: result.brokerOrderId ?? "",
    clientOrderId: str(row.strategyId),
    symbol: name ? normalizeName(name) : String(instrumentId ?? ""),
    side: side(row.side),
    type: (["market", "limit", "stop"].includes(type) ? type : "market") as OrderType,
    qty: num(row.qty) ?? 0,
    filledQty: result.filledQty ?? 0,
    price: price(row.price) ?? price(row.stopPrice),
    avgPrice: result.avgPrice,
    status: result.status,
  };
}

/** A position row as a BrokerPosition. */
export function positionRowToBrokerPosition(row: JsonRecord, names: Map<number, string>): BrokerPosition {
  const instrumentId = num(row.tradableInstrumentId);
  const name = instrumentId !== undefined ? names.get(instrumentId) : undefined;
  return {
    symbol: name ? normalizeName(name) : String(instrumentId ?? ""),
    side: side(row.side),
    qty: num(row.qty) ?? 0,
    entryPrice: num(row.avgPrice) ?? 0,
    unrealizedPnl: num(row.unrealizedPl),
    brokerPositionId: str(row.id),
  };
}
