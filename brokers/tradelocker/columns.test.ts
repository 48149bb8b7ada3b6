import { describe, expect, test } from "vitest";
import { columnIds, rowByColumns, rowsByColumns } from "./columns";

const config = {
  positionsConfig: { id: "positions", columns: [{ id: "id" }, { id: "tradableInstrumentId" }, { id: "side" }, { id: "qty" }, { id: "avgPrice" }] },
  ordersConfig: { columns: [{ id: "id", description: "Order id" }, { id: "strategyId" }] },
};

describe("TradeLocker column lists", () => {
  test("reads the column ids of a list in order", () => {
    expect(columnIds(config, "positionsConfig")).toEqual(["id", "tradableInstrumentId", "side", "qty", "avgPrice"]);
    expect(columnIds(config, "accountDetailsConfig")).toEqual([]);
  });

  test("maps value arrays by column NAME, so a reordered column list still reads right", () => {
    const a = rowByColumns(["7", 278, "buy", "0.5", 1.0841], ["id", "tradableInstrumentId", "side", "qty", "avgPrice"]);
    const b = rowByColumns([1.0841, "0.5", "buy", 278, "7"], ["avgPrice", "qty", "side", "tradableInstrumentId", "id"]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ id: "7", side: "buy", qty: "0.5" });
  });

  test("short rows leave missing columns out instead of shifting values", () => {
    expect(rowByColumns(["1"], ["id", "qty"])).toEqual({ id: "1" });
    expect(rowsByColumns([["1", 2], ["3", 4]], ["id", "qty"])).toEqual([
      { id: "1", qty: 2 },
      { id: "3", qty: 4 },
    ]);
    expect(rowsByColumns(null, ["id"])).toEqual([]);
  });
});
