import { describe, expect, test } from "vitest";
import { ipAllowed, isValidAllowlistEntry, TRADINGVIEW_IPS } from "./ip-allowlist";

describe("IP allowlist", () => {
  test("empty list allows everyone", () => expect(ipAllowed([], "8.8.8.8")).toBe(true));
  test("addresses, CIDR ranges and the TradingView preset", () => {
    expect(ipAllowed(["10.0.0.0/8"], "10.1.2.3")).toBe(true);
    expect(ipAllowed(["10.0.0.0/8"], "11.1.2.3")).toBe(false);
    expect(ipAllowed(["tradingview"], TRADINGVIEW_IPS[2])).toBe(true);
    expect(ipAllowed(["tradingview"], "127.0.0.1")).toBe(false);
    expect(ipAllowed(["::1"], "::1")).toBe(true);
    expect(ipAllowed(["1.2.3.4"], "not-an-ip")).toBe(false);
  });
  test("validation of entries", () => {
    expect(isValidAllowlistEntry("1.2.3.4/33")).toBe(false);
    expect(isValidAllowlistEntry("2001:db8::/32")).toBe(true);
    expect(isValidAllowlistEntry("example.com")).toBe(false);
  });
});
