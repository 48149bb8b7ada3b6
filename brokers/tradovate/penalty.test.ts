import { describe, expect, test } from "vitest";
import { createBrokerContext } from "@/brokers/shared/broker-context";
import { memoryLimiterFactory } from "@/brokers/shared/limiter-factory";
import { memoryPenaltyStore } from "@/brokers/shared/penalty-store";
import { manualClock } from "@/brokers/shared/testing/manual-clock";
import { readPenaltyTicket, sendWithPenalties } from "./penalty";

type Answer = { status?: number; body: unknown };

/** A broker context whose fetch plays back `answers` and records every request body. */
function harness(answers: Answer[]) {
  const bodies: unknown[] = [];
  const clock = manualClock();
  const fetchImpl = async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(init?.body ? JSON.parse(String(init.body)) : undefined);
    const a = answers[Math.min(bodies.length - 1, answers.length - 1)];
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200 });
  };
  const ctx = createBrokerContext("Tradovate", "test_tradovate", { points: 1000, seconds: 1 }, {
    fetch: fetchImpl as typeof fetch,
    clock,
    timeoutMs: 1_000,
    limiterFactory: memoryLimiterFactory,
    penaltyStore: memoryPenaltyStore(),
  });
  const send = (body: Record<string, unknown>) => (ticket?: string) =>
    ctx.http.request("http://tradovate", {
      method: "POST",
      path: "/order/placeorder",
      body: ticket ? { ...body, "p-ticket": ticket } : body,
      idempotent: false,
      scope: "deployment",
    });
  const opts = { clock, limiter: ctx.limiter, health: ctx.health, maxWaitMs: 60_000, captchaPauseMs: 3_600_000, scope: "deployment" };
  return { ctx, clock, bodies, send, opts };
}

describe("Tradovate penalty tickets", () => {
  test("reads a ticket only when p-ticket is present", () => {
    expect(readPenaltyTicket({ "p-ticket": "abc", "p-time": 7 })).toEqual({ ticket: "abc", seconds: 7, captcha: false });
    expect(readPenaltyTicket({ "p-ticket": "abc", "p-time": 7, "p-captcha": true })?.captcha).toBe(true);
    expect(readPenaltyTicket({ orderId: 1 })).toBeNull();
  });

  test("waits p-time, then resends the same body with p-ticket added", async () => {
    const h = harness([{ body: { "p-ticket": "T1", "p-time": 5 } }, { body: { orderId: 77 } }]);
    const order = { accountId: 1, action: "Buy", symbol: "MNQZ5", orderQty: 1, orderType: "Market", isAutomated: true };
    const res = await sendWithPenalties(h.send(order), h.opts);
    expect(res.body).toEqual({ orderId: 77 });
    expect(h.clock.sleeps).toContain(5_000);
    expect(h.bodies).toEqual([order, { ...order, "p-ticket": "T1" }]);
  });

  test("other callers of the deployment wait out the same penalty", async () => {
    const h = harness([{ body: { "p-ticket": "T1", "p-time": 30 } }]);
    await expect(sendWithPenalties(h.send({ a: 1 }), { ...h.opts, maxWaitMs: 10_000 })).rejects.toMatchObject({ kind: "rate_limited" });
    // A second request within the penalty is refused before it reaches Tradovate.
    await expect(h.ctx.http.request("http://tradovate", { method: "GET", path: "/account/list", idempotent: true, scope: "deployment" })).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(h.bodies).toHaveLength(1);
  });

  test("p-captcha stops all calls for about an hour and degrades health", async () => {
    const h = harness([{ body: { "p-ticket": "T1", "p-time": 60, "p-captcha": true } }, { body: { orderId: 1 } }]);
    await expect(sendWithPenalties(h.send({ a: 1 }), h.opts)).rejects.toMatchObject({ kind: "rate_limited", brokerCode: "p-captcha" });
    expect(h.ctx.health.status()).toBe("degraded");
    await expect(h.ctx.http.request("http://tradovate", { method: "GET", path: "/x", idempotent: true, scope: "deployment" })).rejects.toThrow(/captcha/);
    expect(h.bodies).toHaveLength(1);
    h.clock.advance(3_600_001);
    await h.ctx.http.request("http://tradovate", { method: "GET", path: "/x", idempotent: true, scope: "deployment" });
    expect(h.bodies).toHaveLength(2);
  });

  test("gives up after a bounded number of tickets", async () => {
    const h = harness([{ body: { "p-ticket": "T", "p-time": 1 } }]);
    await expect(sendWithPenalties(h.send({ a: 1 }), h.opts, 3)).rejects.toMatchObject({ kind: "rate_limited" });
    expect(h.bodies).toHaveLength(3);
  });
});
