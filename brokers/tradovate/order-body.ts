import type { PlaceOrderRequest, Side } from "@/brokers/types";

type Action = "Buy" | "Sell";

/** One bracket leg of placeOSO (`bracket1` / `bracket2`). */
export type TvBracket = { action: Action; orderType: "Stop" | "Limit" | "TrailingStop"; price?: number; stopPrice?: number; pegDifference?: number; timeInForce: "GTC" };

/** Body of POST /order/placeorder, or /order/placeOSO when it carries brackets. */
export type TvOrderBody = {
  accountSpec: string;
  accountId: number;
  clOrdId: string;
  action: Action;
  symbol: string;
  orderQty: number;
  orderType: "Market" | "Limit" | "Stop";
  price?: number;
  stopPrice?: number;
  timeInForce?: "GTC";
  isAutomated: true;
  bracket1?: TvBracket;
  bracket2?: TvBracket;
};

const action = (side: Side): Action => (side === "buy" ? "Buy" : "Sell");

/**
 * Our order as Tradovate's. Our order id is `clOrdId` (placeorder's client order id,
 * ≤ 64 characters; it is kept on the order's Command entity, which findOrder searches).
 * `isAutomated: true` is mandatory for orders not entered by a human. Brackets use
 * placeOSO: bracket1 the stop loss (or trailing stop), bracket2 the take profit; with both
 * present Tradovate links them as an OCO. Resting orders are GTC like the other brokers'.
 */
export function tradovateOrderBody(order: PlaceOrderRequest, account: { id: number; name: string }): { path: "/order/placeorder" | "/order/placeOSO"; body: TvOrderBody } {
  const symbol = String(order.instrument.meta?.contractName ?? order.instrument.brokerSymbol);
  const body: TvOrderBody = {
    accountSpec: account.name,
    accountId: account.id,
    clOrdId: order.clientOrderId,
    action: action(order.side),
    symbol,
    orderQty: order.qty,
    orderType: order.type === "market" ? "Market" : order.type === "limit" ? "Limit" : "Stop",
    isAutomated: true,
  };
  if (order.type === "limit") body.price = order.price;
  if (order.type === "stop") body.stopPrice = order.price;
  if (order.type !== "market") body.timeInForce = "GTC";

  const exit = action(order.side === "buy" ? "sell" : "buy");
  const legs: TvBracket[] = [];
  if (order.trailing) {
    // A sell trailing stop trails below the market (negative peg), a buy stop above it.
    const peg = order.side === "buy" ? -order.trailing.distance : order.trailing.distance;
    legs.push({ action: exit, orderType: "TrailingStop", stopPrice: order.stopLoss, pegDifference: peg, timeInForce: "GTC" });
  } else if (order.stopLoss !== undefined) {
    legs.push({ action: exit, orderType: "Stop", stopPrice: order.stopLoss, timeInForce: "GTC" });
  }
  if (order.takeProfit !== undefined) legs.push({ action: exit, orderType: "Limit", price: order.takeProfit, timeInForce: "GTC" });
  if (legs[0]) body.bracket1 = legs[0];
  if (legs[1]) body.bracket2 = legs[1];
  return { path: legs.length ? "/order/placeOSO" : "/order/placeorder", body };
}
