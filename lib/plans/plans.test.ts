import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { getPlan, PLAN_IDS, PLANS } from "./catalog";
import { checkBrokerAllowance } from "./check-broker-allowance";
import { checkTradeAllowance } from "./check-trade-allowance";
import { usagePeriod } from "./usage-period";

const NOW = new Date("2026-03-10T12:00:00Z");
const LATER = new Date("2026-03-12T12:00:00Z");

describe("plan catalog", () => {
  test("matches the product's plans", () => {
    expect(PLAN_IDS.map((id) => [PLANS[id].priceUsd, PLANS[id].maxBrokerAccounts, PLANS[id].tradesPerPeriod, PLANS[id].requestsPerMinute])).toEqual([
      [0, 1, 100, 60],
      [29, 1, 100, 100],
      [79, 3, null, 500],
      [199, null, null, 2000],
    ]);
    expect(PLANS.trial.trialDays).toBe(3);
    expect([PLANS.pro.advancedRiskViews, PLANS.elite.fullApi, PLANS.pro.fullApi]).toEqual([true, true, false]);
  });

  test("2FA is on every plan and said so on the pricing page", () => {
    for (const id of PLAN_IDS) expect(PLANS[id].features.some((f) => f.includes("Two-factor") && f.includes("every plan"))).toBe(true);
  });

  test("an unknown plan id gets the trial's limits", () => {
    expect(getPlan("platinum")).toBe(PLANS.trial);
    expect(getPlan("pro")).toBe(PLANS.pro);
  });
});

describe("checkTradeAllowance", () => {
  test("the trial ends after 3 days or 100 trades, whichever comes first", () => {
    expect(checkTradeAllowance("trial", { tradesUsed: 99, now: NOW, trialEndsAt: LATER })).toEqual({ ok: true });
    expect(checkTradeAllowance("trial", { tradesUsed: 100, now: NOW, trialEndsAt: LATER })).toEqual({
      ok: false, code: "trial_expired", reason: "Your trial's 100 trades are used; choose a plan to keep trading.",
    });
    expect(checkTradeAllowance("trial", { tradesUsed: 0, now: LATER, trialEndsAt: LATER })).toEqual({
      ok: false, code: "trial_expired", reason: "Your 3-day trial ended on Mar 12, 2026; choose a plan to keep trading.",
    });
    expect(checkTradeAllowance("trial", { tradesUsed: 0, now: NOW, trialEndsAt: null })).toMatchObject({ ok: false, code: "trial_expired" });
  });

  test("Starter stops at 100 trades a month; Pro and Elite never stop (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAN_IDS.filter((p) => p !== "trial")), fc.nat(100_000), (plan, used) => {
        const r = checkTradeAllowance(plan, { tradesUsed: used, now: NOW, trialEndsAt: null });
        expect(r.ok).toBe(plan !== "starter" || used < 100);
        if (!r.ok) expect(r).toMatchObject({ code: "plan_limit", reason: expect.stringContaining(`${used} of 100 trades this month`) });
      }),
    );
  });
});

describe("checkBrokerAllowance", () => {
  test("allows one more account iff the count is below the plan's maximum (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAN_IDS), fc.nat(50), (plan, count) => {
        const max = PLANS[plan].maxBrokerAccounts;
        expect(checkBrokerAllowance(plan, count).ok).toBe(max === null || count < max);
      }),
    );
  });

  test("says what to do", () => {
    expect(checkBrokerAllowance("starter", 1)).toEqual({
      ok: false, code: "plan_limit", reason: "Starter allows 1 broker account and you have 1; remove one or upgrade to Pro for 3 accounts.",
    });
    expect(checkBrokerAllowance(PLANS.pro, 3)).toMatchObject({ ok: false, reason: expect.stringContaining("upgrade to Elite") });
  });
});

describe("usagePeriod", () => {
  test("trial counts over the whole trial, paid plans per UTC month", () => {
    expect(usagePeriod("trial", NOW)).toBe("trial");
    expect(usagePeriod("starter", NOW)).toBe("2026-03");
    expect(usagePeriod("pro", new Date("2026-12-31T23:59:59Z"))).toBe("2026-12");
    expect(usagePeriod("elite", new Date("2027-01-01T00:00:00Z"))).toBe("2027-01");
  });
});
