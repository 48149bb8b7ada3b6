import { describe, expect, test } from "vitest";
import { rowsByColumns } from "./columns";
import { firstPlacedRow, orderRowResult, orderRowToBrokerOrder, positionRowToBrokerPosition } from "./rows";

const names = new Map([[278, "EURUSD.m"]]);

describe("TradeLocker row mapping", () => {
  test("a position row by column name, numbers sent as strings", () => {
    const [row] = rowsByColumns([["901", "278", "452", "sell", "0.70", "1.10250", "0", "0", "1730000000000", "-3.5", "u1"]], [
      "id",
      "tradableInstrumentId",
      "routeId",
      "side",
      "qty",
      "avgPrice",
      "stopLossId",
      "takeProfitId",
      "openDate",
      "unrealizedPl",
      "strategyId",
    ]);
    expect(positionRowToBrokerPosition(row, names)).toEqual({
      symbol: "EURUSD",
      side: "sell",
      qty: 0.7,
      entryPrice: 1.1025,
      unrealizedPnl: -3.5,
      brokerPositionId: "901",
    });
  });

  test("an order row keeps our strategy id and reads fills", () => {
    const row = { id: "55", tradableInstrumentId: 278, qty: "1", side: "buy", type: "limit", status: "Accepted", filledQty: "0.25", avgPrice: "1.1", price: "1.09", strategyId: "uabc" };
    expect(orderRowResult(row)).toEqual({ status: "partially_filled", brokerOrderId: "55", filledQty: 0.25, avgPrice: 1.1 });
    expect(orderRowToBrokerOrder(row, names)).toMatchObject({ brokerOrderId: "55", clientOrderId: "uabc", symbol: "EURUSD", type: "limit", price: 1.09, qty: 1 });
  });

  test("a filled row without filledQty reports its quantity; a zero price is no price", () => {
    expect(orderRowResult({ id: "1", qty: 2, status: "Filled", avgPrice: 0 })).toEqual({ status: "filled", brokerOrderId: "1", filledQty: 2, avgPrice: undefined });
  });

  test("the order a strategyId was placed with is the first created, whatever order the lists come in (its SL, TP and close come later)", () => {
    const entry = { id: "7277816997830000", createdDate: "1730000000000", status: "Filled" };
    const stopLoss = { id: "7277816997830001", createdDate: "1730000000000", status: "New" };
    const close = { id: "7277816997830002", createdDate: "1730000005000", status: "Filled" };
    expect(firstPlacedRow([close, stopLoss, entry])).toBe(entry);
    expect(firstPlacedRow([stopLoss, entry, close])).toBe(entry);
    expect(firstPlacedRow([])).toBeUndefined();
  });
});
