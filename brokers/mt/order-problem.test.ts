import { describe, expect, test } from "vitest";
import type { PlaceOrderRequest } from "@/brokers/types";
import { resolveMtInstrument } from "./mt-symbol";
import { orderProblem } from "./order-problem";

const order = (over: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  clientOrderId: "0b7c8d2e-1f3a-4c5b-8d9e-a0b1c2d3e4f5",
  instrument: resolveMtInstrument("EURUSD"),
  side: "buy",
  type: "market",
  qty: 0.5,
  ...over,
});

describe("what the MetaTrader bridge can carry", () => {
  test("a market order on the lot grid with price-level brackets passes", () => {
    expect(orderProblem(order({ stopLoss: 1.08, takeProfit: 1.1 }))).toBeNull();
    expect(orderProblem(order({ qty: 0.07 }))).toBeNull();
    expect(orderProblem(order({ qty: 100 }))).toBeNull();
  });

  test("limit/stop entries and trailing stops are refused with a reason, not silently changed", () => {
    expect(orderProblem(order({ type: "limit", price: 1.07 }))).toMatchObject({ code: "unsupported_order_type" });
    expect(orderProblem(order({ trailing: { distance: 0.001 } }))).toMatchObject({ code: "unsupported_trailing" });
  });

  test("lots off the 0.01 grid or outside 0.01–100 are refused", () => {
    for (const qty of [0, 0.005, 0.015, 100.01, -1]) expect(orderProblem(order({ qty }))).toMatchObject({ code: "invalid_qty" });
  });

  test("a stop loss or take profit that is not a positive price is refused", () => {
    expect(orderProblem(order({ stopLoss: 0 }))).toMatchObject({ code: "invalid_stops" });
    expect(orderProblem(order({ takeProfit: -1 }))).toMatchObject({ code: "invalid_stops" });
  });
});
