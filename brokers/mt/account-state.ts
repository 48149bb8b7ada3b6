import type { AccountState, BrokerOrder, BrokerPosition } from "@/brokers/types";
import type { EaAccountState, EaPosition, EaWorkingOrder } from "@/lib/ea/schemas";
import { orderIdFromComment } from "./order-comment";

// MetaTrader writes 0 for "no stop loss / take profit".
const level = (v: number | undefined) => (v !== undefined && v > 0 ? v : undefined);

/** One terminal position as BrokerAdapter reports positions. */
export function toBrokerPosition(p: EaPosition): BrokerPosition {
  return {
    symbol: p.symbol,
    side: p.side,
    qty: p.lots,
    entryPrice: p.open_price,
    currentPrice: p.current_price,
    unrealizedPnl: p.profit,
    brokerPositionId: p.ticket,
    stopLoss: level(p.sl),
    takeProfit: level(p.tp),
  };
}

/** One working order in the terminal; our order id is read back from its comment when it is ours. */
export function toBrokerOrder(o: EaWorkingOrder): BrokerOrder {
  return {
    brokerOrderId: o.ticket,
    clientOrderId: orderIdFromComment(o.comment) ?? undefined,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    qty: o.lots,
    filledQty: 0,
    price: o.price,
    status: "submitted",
  };
}

/** BrokerAdapter's AccountState from what the EA reported. Currency defaults to USD when the EA did not say. */
export function toAccountState(state: EaAccountState): AccountState {
  return {
    balance: state.balance,
    equity: state.equity,
    margin: state.margin,
    currency: state.currency ?? "USD",
    positions: state.positions.map(toBrokerPosition),
  };
}
