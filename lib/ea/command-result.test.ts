import { describe, expect, test } from "vitest";
import { orderComment } from "@/brokers/mt/order-comment";
import { ackToCommandResult, commandOrderResult, finalOrderResult, type CommandState } from "./command-result";
import type { EaAccountState, EaCommandPayload } from "./schemas";

const orderId = "6f1c2b7e-3a44-4f0e-9d7c-2b5a8e1f0c33";
const payload: EaCommandPayload = { symbol: "EURUSD", side: "buy", lots: 0.3, sl: null, tp: null, comment: orderComment(orderId) };
const open = (over: Partial<CommandState>): CommandState => ({ status: "sent", action: "open", payload, result: null, ...over });
const stateWith = (comment: string): EaAccountState => ({
  balance: 1000,
  equity: 1000,
  margin: 10,
  positions: [{ ticket: "77", symbol: "EURUSD", side: "buy", lots: 0.3, open_price: 1.1, comment }],
  orders: [],
});

describe("EA command results", () => {
  test("a filled ack settles as a fill at the terminal's price; executed lots win over the requested ones", () => {
    const result = ackToCommandResult({ command_id: orderId, status: "filled", ticket: "77", price: 1.1002, lots: 0.2 });
    expect(finalOrderResult("filled", payload, result)).toEqual({ status: "filled", brokerOrderId: "77", avgPrice: 1.1002, filledQty: 0.2 });
    const noLots = ackToCommandResult({ command_id: orderId, status: "filled", ticket: "77", price: 1.1002 });
    expect(finalOrderResult("filled", payload, noLots).filledQty).toBe(0.3);
  });

  test("a rejection carries the terminal's error, or a sentence when it gave none", () => {
    expect(finalOrderResult("rejected", payload, ackToCommandResult({ command_id: orderId, status: "rejected", ticket: "", price: 0, error: "Market closed (10018)" }))).toEqual({
      status: "rejected",
      reason: "Market closed (10018)",
      brokerCode: "ea_rejected",
    });
    const blank = ackToCommandResult({ command_id: orderId, status: "rejected", ticket: "", price: 0, error: "  " });
    expect(blank.reason).toMatch(/without giving a reason/);
    expect(blank.ticket).toBeUndefined();
  });

  test("findOrder: queued → submitted, reported pending → pending, expired → expired with its reason", () => {
    expect(commandOrderResult(open({ status: "queued" }), null).status).toBe("submitted");
    expect(commandOrderResult(open({}), null).status).toBe("submitted");
    expect(commandOrderResult(open({ result: { pending_reported_at: "2026-01-01T00:00:00Z" } }), null).status).toBe("pending");
    expect(commandOrderResult(open({ status: "expired", result: { reason: "late" } }), null)).toEqual({ status: "expired", reason: "late" });
  });

  test("findOrder: a terminal position with the order's comment (even with a broker suffix) means filled", () => {
    const found = commandOrderResult(open({}), stateWith(`${payload.comment}[sl]`));
    expect(found).toEqual({ status: "filled", brokerOrderId: "77", avgPrice: 1.1, filledQty: 0.3 });
    expect(commandOrderResult(open({}), stateWith("manual")).status).toBe("submitted");
    // A close command never matches an open position by comment.
    expect(commandOrderResult(open({ action: "close" }), stateWith(payload.comment)).status).toBe("submitted");
  });
});
