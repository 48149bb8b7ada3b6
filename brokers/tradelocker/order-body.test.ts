import { describe, expect, test } from "vitest";
import type { Instrument, PlaceOrderRequest } from "@/brokers/types";
import { tradeLockerOrderBody } from "./order-body";
import { strategyIdFor } from "./strategy-id";

const instrument: Instrument = {
  symbol: "EURUSD",
  brokerSymbol: "EURUSD",
  kind: "fx",
  minQty: 0.01,
  maxQty: 100,
  qtyStep: 0.01,
  tickSize: 0.00001,
  pipSize: 0.0001,
  valuePerPoint: 100_000,
  contractSize: 100_000,
  meta: { tradableInstrumentId: 278, routeId: 452 },
};
const id = "3f2b8c1e-9d4a-4e5b-8c7d-112233445566";
const base: PlaceOrderRequest = { clientOrderId: id, instrument, side: "buy", type: "market", qty: 0.5 };

describe("tradeLockerOrderBody", () => {
  test("market order: IOC, price 0, our id as strategyId", () => {
    expect(tradeLockerOrderBody(base)).toEqual({
      qty: 0.5,
      routeId: 452,
      side: "buy",
      validity: "IOC",
      type: "market",
      tradableInstrumentId: 278,
      price: 0,
      strategyId: strategyIdFor(id),
    });
  });

  test("native brackets as absolute prices", () => {
    const body = tradeLockerOrderBody({ ...base, stopLoss: 1.08, takeProfit: 1.1 });
    expect(body).toMatchObject({ stopLoss: 1.08, stopLossType: "absolute", takeProfit: 1.1, takeProfitType: "absolute" });
  });

  test("trailing stop becomes a trailingOffset stop loss", () => {
    const body = tradeLockerOrderBody({ ...base, stopLoss: 1.08, trailing: { distance: 0.002 } });
    expect(body).toMatchObject({ stopLoss: 0.002, stopLossType: "trailingOffset" });
  });

  test("limit and stop orders are GTC; the stop trigger goes in stopPrice", () => {
    expect(tradeLockerOrderBody({ ...base, type: "limit", price: 1.07 })).toMatchObject({ validity: "GTC", type: "limit", price: 1.07 });
    const stop = tradeLockerOrderBody({ ...base, type: "stop", price: 1.09, side: "sell" });
    expect(stop).toMatchObject({ validity: "GTC", type: "stop", price: 0, stopPrice: 1.09, side: "sell" });
  });

  test("refuses an instrument this adapter did not resolve", () => {
    expect(() => tradeLockerOrderBody({ ...base, instrument: { ...instrument, meta: {} } })).toThrow(/not resolved/);
  });
});
