import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIncoming, validatePayload } from "./bus";

const blocked = {
  user_id: "6f1d2b6e-3c4a-4f5e-9a7b-1c2d3e4f5a6b",
  correlation_id: "c-1",
  at: new Date(0).toISOString(),
  account_id: "0b9e7a52-8d4c-4b1a-9e3f-2a1b3c4d5e6f",
  broker: "paper",
  symbol: "EURUSD",
  rule: "max_open_trades",
  reason: "3 trades are open.",
};

describe("event payloads", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("a payload from another process is checked against its subject's schema", () => {
    expect(parseIncoming("risk.blocked", blocked)).toEqual({ subject: "risk.blocked", payload: blocked });
    expect(parseIncoming("risk.blocked", { ...blocked, account_id: "not-a-uuid" })).toBeNull();
    expect(parseIncoming("no.such.subject", blocked)).toBeNull();
  });

  it("publishing a malformed payload throws outside production", () => {
    vi.stubEnv("NODE_ENV", "test");
    expect(() => validatePayload("risk.blocked", { ...blocked, rule: 3 } as never)).toThrow();
  });

  it("production trusts the compiler's types on publish (no parse per event)", () => {
    vi.stubEnv("NODE_ENV", "production");
    const odd = { ...blocked, rule: 3 } as never;
    expect(validatePayload("risk.blocked", odd)).toBe(odd);
  });
});
