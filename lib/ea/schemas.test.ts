import { describe, expect, test } from "vitest";
import { eaAckBody } from "./schemas";

const ack = { command_id: "6f1c2b7e-3a44-4f0e-9d7c-2b5a8e1f0c33", status: "rejected", ticket: "", price: 0 };

describe("EA ack body", () => {
  test("a long error is cut to 500 characters rather than refused (a refused ack is one the EA drops)", () => {
    const parsed = eaAckBody.parse({ ...ack, error: "x".repeat(2_000) });
    expect(parsed.error).toBe("x".repeat(500));
    expect(eaAckBody.parse({ ...ack, error: "Market closed (10018)" }).error).toBe("Market closed (10018)");
    expect(eaAckBody.parse(ack).error).toBeUndefined();
  });

  test("the cut never leaves half a surrogate pair, which jsonb would refuse", () => {
    const error = `${"x".repeat(499)}😀 and more`;
    const cut = eaAckBody.parse({ ...ack, error }).error!;
    expect(cut).toBe("x".repeat(499));
    expect(() => JSON.parse(JSON.stringify(cut))).not.toThrow();
    expect(/[\ud800-\udfff]/.test(cut)).toBe(false);
  });
});
