import { describe, expect, test } from "vitest";
import { orderComment } from "./order-comment";
import { toAccountState, toBrokerOrder } from "./account-state";
import { readLastState } from "@/lib/ea/last-state";

const id = "0b7c8d2e-1f3a-4c5b-8d9e-a0b1c2d3e4f5";

describe("the EA's account state as BrokerAdapter data", () => {
  test("MetaTrader's 0 for a missing stop loss / take profit becomes undefined; currency defaults to USD", () => {
    const state = readLastState({
      balance: 5000,
      equity: 5012.5,
      margin: 100,
      positions: [{ ticket: "9", symbol: "XAUUSD", side: "sell", lots: 0.05, open_price: 2301.1, current_price: 2298.6, sl: 0, tp: 2290, profit: 12.5, comment: "" }],
    });
    expect(toAccountState(state!)).toEqual({
      balance: 5000,
      equity: 5012.5,
      margin: 100,
      currency: "USD",
      positions: [
        { symbol: "XAUUSD", side: "sell", qty: 0.05, entryPrice: 2301.1, currentPrice: 2298.6, unrealizedPnl: 12.5, brokerPositionId: "9", stopLoss: undefined, takeProfit: 2290 },
      ],
    });
  });

  test("a working order placed by Unify gives back our order id from its comment", () => {
    const order = toBrokerOrder({ ticket: "11", symbol: "EURUSD", side: "buy", type: "limit", lots: 1, price: 1.07, comment: orderComment(id) });
    expect(order).toMatchObject({ brokerOrderId: "11", clientOrderId: id, type: "limit", status: "submitted", filledQty: 0 });
    expect(toBrokerOrder({ ticket: "12", symbol: "EURUSD", side: "buy", type: "stop", lots: 1, price: 1.2 }).clientOrderId).toBeUndefined();
  });

  test("no state, or a state that is not the EA's shape, reads as null", () => {
    expect(readLastState(null)).toBeNull();
    expect(readLastState({ balance: "lots" })).toBeNull();
  });
});
