import { describe, expect, test } from "vitest";
import { intentSchema } from "@/lib/intake/schemas";
import { asRiskIntent, paperMarginShortfall, planExitOf, restingReverseRefusal, reverseCloses, withClosingQty } from "./order-plan";
import type { PositionRow } from "./rows";

const long = { id: "p-1", side: "buy", qty: 0.2, entry_price: 1.1 } as PositionRow;
const intent = (v: Record<string, unknown>) => intentSchema.parse({ action: "reverse", side: "sell", symbol: "EURUSD", qty: 0.1, ...v });
const EURUSD = { symbol: "EURUSD", qtyStep: 0.01, minQty: 0.01 };

describe("order plan — the rules admission and the dry run share", () => {
  test("a reverse closes the open position on the other side; in the side held it is an entry for the rules", () => {
    expect(reverseCloses(intent({}), long)).toBe(long);
    expect(reverseCloses(intent({ side: "buy" }), long)).toBeNull();
    expect(asRiskIntent(intent({ side: "buy" }), null, "EURUSD").action).toBe("entry");
    expect(asRiskIntent(intent({}), long, "EURUSD").action).toBe("reverse");
    expect(withClosingQty(0.1, long)).toBe(0.3);
    expect(withClosingQty(0.1, null)).toBe(0.1);
  });

  test("a resting reverse of an open position is refused; at market, or with nothing to close, it may go", () => {
    expect(restingReverseRefusal({ type: "limit" }, long, "EURUSD")?.code).toBe("constraint_violation");
    expect(restingReverseRefusal({ type: "market" }, long, "EURUSD")).toBeNull();
    expect(restingReverseRefusal({ type: "limit" }, null, "EURUSD")).toBeNull();
  });

  test("an exit: all of the position, or the asked part on the step grid; refused with nothing open, one pending, or below the minimum", () => {
    expect(planExitOf(EURUSD, long, false, undefined)).toEqual({ side: "sell", qty: 0.2, positionId: "p-1" });
    expect(planExitOf(EURUSD, long, false, 0.157)).toEqual({ side: "sell", qty: 0.15, positionId: "p-1" });
    expect(planExitOf(EURUSD, null, false, undefined)).toMatchObject({ error: { code: "conflict" } });
    expect(planExitOf(EURUSD, long, true, undefined)).toMatchObject({ error: { code: "conflict" } });
    expect(planExitOf(EURUSD, long, false, 0.004)).toMatchObject({ error: { code: "constraint_violation" } });
  });

  test("paper margin counts only the exposure an order adds beyond the opposite position it closes", () => {
    const account = { equity: 1_000, margin: 0 };
    // 0.3 sold against a 0.2 long adds 0.1 short: 0.1 × 1.1 × 100,000 / 100 = 110 of margin.
    expect(paperMarginShortfall(account, { symbol: "EURUSD", side: "sell", qty: 0.3, price: 1.1, valuePerPoint: 100_000 }, long)).toBeNull();
    expect(paperMarginShortfall(account, { symbol: "EURUSD", side: "buy", qty: 1, price: 1.1, valuePerPoint: 100_000 }, long)).toMatch(/^Not enough free margin/);
    expect(paperMarginShortfall(account, { symbol: "EURUSD", side: "buy", qty: 1, price: null, valuePerPoint: 100_000 }, null)).toBeNull();
  });
});
