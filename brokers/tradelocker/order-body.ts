import type { PlaceOrderRequest } from "@/brokers/types";
import { strategyIdFor } from "./strategy-id";

/** Body of POST /trade/accounts/{accountId}/orders. */
export type TlOrderBody = {
  qty: number;
  routeId: number;
  side: "buy" | "sell";
  validity: "IOC" | "GTC";
  type: "market" | "limit" | "stop";
  tradableInstrumentId: number;
  price: number;
  stopPrice?: number;
  stopLoss?: number;
  stopLossType?: "absolute" | "offset" | "trailingOffset";
  takeProfit?: number;
  takeProfitType?: "absolute" | "offset";
  strategyId: string;
};

/**
 * Our order as TradeLocker's order body. Per the API: market orders are IOC with price 0,
 * limit/stop orders GTC; a stop order's trigger goes in stopPrice. Brackets are native:
 * absolute SL/TP prices; a trailing stop is a stop loss of type "trailingOffset" whose
 * value is the distance (it replaces a fixed stop loss: one position has one stop).
 */
export function tradeLockerOrderBody(order: PlaceOrderRequest): TlOrderBody {
  const meta = order.instrument.meta ?? {};
  const routeId = Number(meta.routeId);
  const tradableInstrumentId = Number(meta.tradableInstrumentId);
  if (!Number.isFinite(routeId) || !Number.isFinite(tradableInstrumentId)) {
    throw new Error("instrument was not resolved by the TradeLocker adapter (routeId/tradableInstrumentId missing)");
  }
  const market = order.type === "market";
  const body: TlOrderBody = {
    qty: order.qty,
    routeId,
    side: order.side,
    validity: market ? "IOC" : "GTC",
    type: order.type,
    tradableInstrumentId,
    price: order.type === "limit" ? (order.price ?? 0) : 0,
    strategyId: strategyIdFor(order.clientOrderId),
  };
  if (order.type === "stop") body.stopPrice = order.price;
  if (order.trailing) {
    body.stopLoss = order.trailing.distance;
    body.stopLossType = "trailingOffset";
  } else if (order.stopLoss !== undefined) {
    body.stopLoss = order.stopLoss;
    body.stopLossType = "absolute";
  }
  if (order.takeProfit !== undefined) {
    body.takeProfit = order.takeProfit;
    body.takeProfitType = "absolute";
  }
  return body;
}
