import { describe, expect, test } from "vitest";
import { tradeLockerOrderStatus } from "./order-status";

describe("tradeLockerOrderStatus", () => {
  test.each([
    ["Filled", "filled"],
    ["Cancelled", "cancelled"],
    ["Removed", "cancelled"],
    ["Refused", "rejected"],
    ["Unplaced", "rejected"],
    ["New", "submitted"],
    ["Accepted", "submitted"],
    ["PartiallyFilled", "partially_filled"],
    ["Expired", "expired"],
  ] as const)("%s → %s", (raw, ours) => {
    expect(tradeLockerOrderStatus(raw)).toBe(ours);
  });

  test("a working or cancelled order with some fills is partially filled", () => {
    expect(tradeLockerOrderStatus("Accepted", 2, 1)).toBe("partially_filled");
    expect(tradeLockerOrderStatus("Cancelled", 2, 0.5)).toBe("partially_filled");
    expect(tradeLockerOrderStatus("Cancelled", 2, 0)).toBe("cancelled");
  });

  test("an expired order with fills is done: cancelled, not left partially filled", () => {
    expect(tradeLockerOrderStatus("Expired", 2, 0.5)).toBe("cancelled");
    expect(tradeLockerOrderStatus("Expired", 2, 0)).toBe("expired");
  });
});
