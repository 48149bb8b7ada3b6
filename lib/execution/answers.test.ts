import { describe, expect, test } from "vitest";
import { orderAnswer } from "./answers";

const order = (status: string, filled_qty: number) => ({ id: "o-1", status, broker_order_id: null, filled_qty, avg_price: filled_qty ? 1.1 : null, reason: "IOC: no liquidity" }) as Parameters<typeof orderAnswer>[0];

describe("orderAnswer — statuses in api.md's terms (filled | submitted | pending)", () => {
  test("a partial fill whose rest still works is submitted; one whose rest was cancelled is filled with what it got", () => {
    expect(orderAnswer(order("partially_filled", 0.5), "tradelocker", "c", 0).body).toMatchObject({ ok: true, status: "submitted", filled_qty: 0.5 });
    expect(orderAnswer(order("cancelled", 0.5), "tradelocker", "c", 0).body).toMatchObject({ ok: true, status: "filled", filled_qty: 0.5 });
    for (const s of ["filled", "submitted", "pending"]) expect(orderAnswer(order(s, s === "filled" ? 1 : 0), "paper", "c", 0).body.status).toBe(s);
  });

  test("nothing executed and nothing working (rejected, cancelled or expired unfilled) is a 422 broker_rejected naming the order", () => {
    for (const s of ["rejected", "cancelled", "expired"]) {
      const a = orderAnswer(order(s, 0), "tradelocker", "c", 0);
      expect(a.status, s).toBe(422);
      expect(a.body).toMatchObject({ code: "broker_rejected", order_id: "o-1", broker_code: s });
    }
    expect(orderAnswer(order("cancelled", 0), "tradelocker", "c", 0).body.detail).toBe("tradelocker cancelled the order without filling it: IOC: no liquidity");
  });
});
