import { describe, expect, test } from "vitest";
import { closeFill, closeParts } from "./close-fill";

const held = [
  { id: "901", side: "buy", qty: "0.3" },
  { id: "902", side: "buy", qty: "0.7" },
];

describe("closeParts", () => {
  test("a whole close takes out every position", () => {
    expect(closeParts(held)).toEqual([
      { positionId: "902", side: "buy", qty: 0.7 },
      { positionId: "901", side: "buy", qty: 0.3 },
    ]);
  });

  test("a partial close takes the largest position first", () => {
    expect(closeParts(held, 0.8)).toEqual([
      { positionId: "902", side: "buy", qty: 0.7 },
      { positionId: "901", side: "buy", qty: 0.1 },
    ]);
  });
});

describe("closeFill", () => {
  const entry = { id: "7001", positionId: "902", side: "buy", filledQty: "0.7", avgPrice: "1.1", createdDate: "1000" };
  const olderClose = { id: "7002", positionId: "902", side: "sell", filledQty: "0.2", avgPrice: "1.105", createdDate: "2000" };
  const close = { id: "7003", positionId: "902", side: "sell", filledQty: "0.5", avgPrice: "1.101", createdDate: "3000" };

  test("the newest opposite-side order of the position is the close; its price is the fill", () => {
    expect(closeFill([entry, olderClose, close], [{ positionId: "902", side: "buy", qty: 0.5 }])).toEqual({ filledQty: 0.5, avgPrice: 1.101 });
  });

  test("orders of the same millisecond are told apart by id, past 2^53", () => {
    const a = { ...close, id: "9007199254740993", createdDate: "3000" };
    const b = { ...close, id: "9007199254740995", avgPrice: "1.102", createdDate: "3000" };
    expect(closeFill([b, a], [{ positionId: "902", side: "buy", qty: 0.5 }])?.avgPrice).toBe(1.102);
  });

  test("several positions give the volume-weighted price", () => {
    const other = { id: "7004", positionId: "901", side: "sell", filledQty: "0.3", avgPrice: "1.2", createdDate: "3000" };
    const fill = closeFill([close, other], [
      { positionId: "902", side: "buy", qty: 0.5 },
      { positionId: "901", side: "buy", qty: 0.3 },
    ]);
    expect(fill?.filledQty).toBeCloseTo(0.8, 9);
    expect(fill?.avgPrice).toBeCloseTo((0.5 * 1.101 + 0.3 * 1.2) / 0.8, 9);
  });

  test("no fill unless every part's close is in the history with its full quantity", () => {
    // Only the older, smaller close is there yet: it must not be taken for this one.
    expect(closeFill([entry, olderClose], [{ positionId: "902", side: "buy", qty: 0.5 }])).toBeUndefined();
    expect(closeFill([close], [
      { positionId: "902", side: "buy", qty: 0.5 },
      { positionId: "901", side: "buy", qty: 0.3 },
    ])).toBeUndefined();
    expect(closeFill([close], [])).toBeUndefined();
  });
});
