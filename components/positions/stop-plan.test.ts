import { describe, expect, test } from "vitest";
import { describeStopPlan } from "./stop-plan";

describe("the emergency stop's confirmation sentence", () => {
  test("says exactly what will happen, with correct plurals", () => {
    expect(describeStopPlan({ positions: 2, positionAccounts: 1, workingOrders: 0, moreOrders: false, enabledAccounts: ["Paper"] })).toBe(
      "Close 2 open positions on 1 account at market, cancel 0 working orders, and disable every account so no alert trades until you re-enable them.",
    );
    expect(describeStopPlan({ positions: 1, positionAccounts: 1, workingOrders: 1, moreOrders: false, enabledAccounts: [] })).toBe(
      "Close 1 open position on 1 account at market, cancel 1 working order, and disable every account so no alert trades until you re-enable them.",
    );
  });

  test("never understates a count it could not finish", () => {
    expect(describeStopPlan({ positions: 3, positionAccounts: 2, workingOrders: 600, moreOrders: true, enabledAccounts: ["A", "B"] })).toContain(
      "cancel more than 600 working orders",
    );
  });

  test("without counts it still says what happens, without numbers it cannot vouch for", () => {
    expect(describeStopPlan(null)).toBe(
      "Close every open position at market, cancel every working order, and disable every account so no alert trades until you re-enable them.",
    );
  });
});
