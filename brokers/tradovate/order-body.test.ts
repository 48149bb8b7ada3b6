import { describe, expect, test } from "vitest";
import type { PlaceOrderRequest } from "@/brokers/types";
import { tradovateInstrument } from "./contracts";
import { tradovateOrderBody } from "./order-body";

const instrument = tradovateInstrument("MNQ", { id: 3570918, name: "MNQZ5" }, null);
const account = { id: 701, name: "DEMO1234" };
const base: PlaceOrderRequest = { clientOrderId: "3f2b8c1e-9d4a-4e5b-8c7d-112233445566", instrument, side: "buy", type: "market", qty: 2 };

describe("tradovateOrderBody", () => {
  test("plain market order: placeorder, our id as clOrdId, isAutomated", () => {
    expect(tradovateOrderBody(base, account)).toEqual({
      path: "/order/placeorder",
      body: {
        accountSpec: "DEMO1234",
        accountId: 701,
        clOrdId: base.clientOrderId,
        action: "Buy",
        symbol: "MNQZ5",
        orderQty: 2,
        orderType: "Market",
        isAutomated: true,
      },
    });
  });

  test("SL and TP: placeOSO with bracket1 stop and bracket2 limit on the exit side (OCO)", () => {
    const { path, body } = tradovateOrderBody({ ...base, stopLoss: 19990, takeProfit: 20020 }, account);
    expect(path).toBe("/order/placeOSO");
    expect(body.bracket1).toEqual({ action: "Sell", orderType: "Stop", stopPrice: 19990, timeInForce: "GTC" });
    expect(body.bracket2).toEqual({ action: "Sell", orderType: "Limit", price: 20020, timeInForce: "GTC" });
  });

  test("take profit alone is bracket1; a short's exits are buys", () => {
    const { body } = tradovateOrderBody({ ...base, side: "sell", takeProfit: 19900 }, account);
    expect(body.bracket1).toMatchObject({ action: "Buy", orderType: "Limit", price: 19900 });
    expect(body.bracket2).toBeUndefined();
  });

  test("trailing stop bracket trails on the protective side", () => {
    const { body } = tradovateOrderBody({ ...base, trailing: { distance: 10 } }, account);
    expect(body.bracket1).toMatchObject({ action: "Sell", orderType: "TrailingStop", pegDifference: -10 });
  });

  test("limit and stop entries are GTC with their price field", () => {
    expect(tradovateOrderBody({ ...base, type: "limit", price: 19950 }, account).body).toMatchObject({ orderType: "Limit", price: 19950, timeInForce: "GTC" });
    expect(tradovateOrderBody({ ...base, type: "stop", price: 20050 }, account).body).toMatchObject({ orderType: "Stop", stopPrice: 20050 });
  });
});
