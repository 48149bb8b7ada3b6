import { describe, expect, test } from "vitest";
import { pxOrderResult, pxOrderToBrokerOrder, pxPositionToBrokerPosition } from "./rows";

describe("ProjectX row mapping", () => {
  test("an order from Order/search", () => {
    const order = { id: 36598, accountId: 704, contractId: "CON.F.US.EP.U25", status: 2, type: 2, side: 1, size: 2, fillVolume: 2, filledPrice: 6335.25, customTag: "abc" };
    expect(pxOrderResult(order)).toEqual({ status: "filled", brokerOrderId: "36598", filledQty: 2, avgPrice: 6335.25 });
    expect(pxOrderToBrokerOrder(order)).toMatchObject({ symbol: "ES", side: "sell", type: "market", clientOrderId: "abc" });
  });

  test("an order without fill fields (older docs' example) is still read", () => {
    expect(pxOrderResult({ id: 26060, status: 1, size: 1 })).toEqual({ status: "submitted", brokerOrderId: "26060", filledQty: undefined, avgPrice: undefined });
  });

  test("a cancelled order with some volume filled is final, with its fills", () => {
    expect(pxOrderResult({ id: 36599, status: 3, size: 4, fillVolume: 2, filledPrice: 20_000 })).toEqual({
      status: "cancelled",
      brokerOrderId: "36599",
      filledQty: 2,
      avgPrice: 20_000,
    });
  });

  test("a short position", () => {
    expect(pxPositionToBrokerPosition({ id: 6124, contractId: "CON.F.US.MNQ.Z25", type: 2, size: 3, averagePrice: 20010.5 })).toEqual({
      symbol: "MNQ",
      side: "sell",
      qty: 3,
      entryPrice: 20010.5,
      brokerPositionId: "6124",
    });
  });
});
