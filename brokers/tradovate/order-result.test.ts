import { describe, expect, test } from "vitest";
import { readOrderResult } from "./order-result";

describe("readOrderResult", () => {
  test("an order id is success, also next to failureReason Success", () => {
    expect(readOrderResult({ orderId: 210000000 }, "orderId")).toEqual({ ok: true, id: "210000000" });
    expect(readOrderResult({ orderId: 5, failureReason: "Success" }, "orderId")).toEqual({ ok: true, id: "5" });
    expect(readOrderResult({ commandId: 9 }, "commandId")).toEqual({ ok: true, id: "9" });
  });

  test("failureReason or a bare failure text is a refusal with a readable reason", () => {
    expect(readOrderResult({ failureReason: "SessionClosed" }, "orderId")).toEqual({ ok: false, reason: "The market session is closed.", code: "SessionClosed" });
    expect(readOrderResult({ failureText: "Account is locked" }, "orderId")).toMatchObject({ ok: false, reason: "Account is locked" });
    expect(readOrderResult({ errorText: "Access denied" }, "commandId")).toMatchObject({ ok: false, reason: "Access denied" });
  });
});
