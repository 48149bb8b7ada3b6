import { describe, expect, test } from "vitest";
import { orderStatusFromPx, orderTypeFromPx, positionSideFromPx, pxOrderType, sideFromPx } from "./enums";

describe("ProjectX enums", () => {
  test("order types and sides as the Gateway docs number them", () => {
    expect([pxOrderType("limit"), pxOrderType("market"), pxOrderType("stop")]).toEqual([1, 2, 4]);
    expect([orderTypeFromPx(1), orderTypeFromPx(2), orderTypeFromPx(4), orderTypeFromPx(5), orderTypeFromPx(6)]).toEqual([
      "limit",
      "market",
      "stop",
      "stop",
      "limit",
    ]);
    expect([sideFromPx(0), sideFromPx(1)]).toEqual(["buy", "sell"]);
    expect([positionSideFromPx(1), positionSideFromPx(2)]).toEqual(["buy", "sell"]);
  });

  test("order statuses", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => orderStatusFromPx(s))).toEqual([
      "pending",
      "submitted",
      "filled",
      "cancelled",
      "expired",
      "rejected",
      "pending",
    ]);
    expect(orderStatusFromPx(1, 3, 1)).toBe("partially_filled");
    // Cancelled or expired with some volume filled: done, so cancelled (fillVolume carries the fills).
    expect(orderStatusFromPx(3, 3, 2)).toBe("cancelled");
    expect(orderStatusFromPx(4, 3, 2)).toBe("cancelled");
    expect(orderStatusFromPx(4, 3, 0)).toBe("expired");
  });
});
