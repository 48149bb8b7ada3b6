import { accountValueProblem } from "@/brokers/shared/account-value";
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { AccountRef } from "@/brokers/types";

// The bridge's database side is replaced: what matters here is what the adapter does with
// the EA's last report (its account currency) and whether it queues a command at all.
const bridge = vi.hoisted(() => ({ lastState: null as unknown, queued: [] as unknown[] }));
vi.mock("@/lib/ea/read-commands", () => ({
  readDeviceState: async () => ({ lastState: bridge.lastState, lastPollAt: new Date() }),
  readOrderCommand: async () => null,
  waitForCommand: async () => null,
}));
vi.mock("@/lib/ea/queue-command", () => ({
  queueCommand: async (req: unknown) => {
    bridge.queued.push(req);
    return { ok: true, commandId: "c0ffee00-0000-4000-8000-000000000001", expiresAt: new Date(), reused: false };
  },
}));

const { MetaTraderAdapter } = await import("./adapter");

const ref: AccountRef = { accountId: "acc-mt", userId: "user-mt", mode: "live", externalAccountId: null, credentials: null };
const reported = (currency?: string) => ({ balance: 10_000, equity: 10_000, margin: 0, ...(currency ? { currency } : {}), positions: [], orders: [] });
const order = { clientOrderId: "0b7c8d2e-1f3a-4c5b-8d9e-a0b1c2d3e4f5", side: "buy" as const, type: "market" as const, qty: 0.5 };

describe("MetaTrader adapter: value per point in the account's currency", () => {
  const mt = new MetaTraderAdapter("mt5");
  beforeEach(() => {
    bridge.queued = [];
    bridge.lastState = reported("USD");
  });

  test("a USD account: EURUSD is valued USD 100,000 per 1.0 move and queued", async () => {
    const eurusd = await mt.instrument(ref, "EURUSD");
    expect(eurusd.valuePerPoint).toBe(100_000);
    expect(await mt.placeOrder(ref, { ...order, instrument: eurusd })).toEqual({ status: "submitted" });
    expect(bridge.queued).toHaveLength(1);
  });

  test("a USD account: USDJPY has no rate to convert its yen with: marked (sizing refuses risk modes), a fixed quantity is queued", async () => {
    const usdjpy = await mt.instrument(ref, "USDJPY");
    expect(accountValueProblem(usdjpy)).toMatch(/USDJPY is quoted in JPY and this MetaTrader account is in USD/);
    expect(await mt.placeOrder(ref, { ...order, instrument: usdjpy })).toEqual({ status: "submitted" });
    expect(bridge.queued).toHaveLength(1);
  });

  test("the currency is the EA's ACCOUNT_CURRENCY: on a JPY account USDJPY is JPY 100,000 per 1.0 move and queued", async () => {
    bridge.lastState = reported("JPY");
    const usdjpy = await mt.instrument(ref, "USDJPY");
    expect(usdjpy.valuePerPoint).toBe(100_000);
    expect(await mt.placeOrder(ref, { ...order, instrument: usdjpy })).toEqual({ status: "submitted" });
  });

  test("no currency reported yet: USD is assumed, as for the account state", async () => {
    bridge.lastState = reported();
    expect((await mt.instrument(ref, "XAUUSD")).valuePerPoint).toBe(100);
    bridge.lastState = null;
    expect((await mt.instrument(ref, "EURUSD")).valuePerPoint).toBe(100_000);
  });
});
