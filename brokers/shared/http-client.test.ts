import { describe, expect, test } from "vitest";
import { createBrokerContext } from "./broker-context";
import { memoryLimiterFactory } from "./limiter-factory";
import { memoryPenaltyStore } from "./penalty-store";
import { manualClock } from "./testing/manual-clock";

type Step = (init: RequestInit) => Promise<Response>;

function harness(steps: Step[], timeoutMs = 50) {
  const calls: RequestInit[] = [];
  const fetchImpl = async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(init ?? {});
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    return step(init ?? {});
  };
  const clock = manualClock();
  const ctx = createBrokerContext("Testbroker", "test_http", { points: 1000, seconds: 1 }, {
    fetch: fetchImpl as typeof fetch,
    clock,
    timeoutMs,
    limiterFactory: memoryLimiterFactory,
    penaltyStore: memoryPenaltyStore(),
    random: () => 1,
  });
  return { ctx, calls, clock };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const hang: Step = (init) =>
  new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
const drop: Step = async () => Promise.reject(new TypeError("fetch failed"));

describe("BrokerHttpClient", () => {
  test("returns broker answers whatever their business content", async () => {
    const { ctx } = harness([json(200, { success: false, errorCode: 2 })]);
    const res = await ctx.http.request("http://broker", { method: "POST", path: "/x", body: {}, idempotent: false, scope: "a" });
    expect(res).toMatchObject({ status: 200, body: { success: false, errorCode: 2 } });
    expect(ctx.health.status()).toBe("operational");
  });

  test("retries an idempotent read after a 5xx and a dropped connection", async () => {
    const { ctx, calls } = harness([json(502, {}), drop, json(200, { ok: true })]);
    const res = await ctx.http.request("http://broker", { method: "GET", path: "/x", idempotent: true, scope: "a" });
    expect(res.body).toEqual({ ok: true });
    expect(calls).toHaveLength(3);
  });

  test("never repeats a non-idempotent call after a timeout", async () => {
    const { ctx, calls } = harness([hang, json(200, {})], 20);
    await expect(ctx.http.request("http://broker", { method: "POST", path: "/order", body: {}, idempotent: false, scope: "a" })).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(calls).toHaveLength(1);
  });

  test("never repeats a non-idempotent call after a dropped connection or a 5xx", async () => {
    const dropped = harness([drop, json(200, {})]);
    await expect(dropped.ctx.http.request("http://broker", { method: "POST", path: "/o", body: {}, idempotent: false, scope: "a" })).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(dropped.calls).toHaveLength(1);
    const failed = harness([json(503, {}), json(200, {})]);
    await expect(failed.ctx.http.request("http://broker", { method: "POST", path: "/o", body: {}, idempotent: false, scope: "a" })).rejects.toMatchObject({
      kind: "unavailable",
      brokerCode: "503",
    });
    expect(failed.calls).toHaveLength(1);
  });

  test("honours Retry-After on a 429 and sends once more", async () => {
    const { ctx, calls, clock } = harness([json(429, {}, { "retry-after": "0.03" }), json(200, { ok: 1 })]);
    const res = await ctx.http.request("http://broker", { method: "POST", path: "/o", body: { a: 1 }, idempotent: false, scope: "a" });
    expect(res.body).toEqual({ ok: 1 });
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toContain(30);
    expect(ctx.health.status()).toBe("degraded");
  });

  test("a 429 asking for longer than the call's budget fails as rate_limited and pauses the scope", async () => {
    const { ctx, calls } = harness([json(429, {}, { "retry-after": "30" })]);
    await expect(ctx.http.request("http://broker", { method: "GET", path: "/x", idempotent: true, scope: "a" })).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(calls).toHaveLength(1);
    await expect(ctx.http.request("http://broker", { method: "GET", path: "/x", idempotent: true, scope: "a" })).rejects.toMatchObject({
      kind: "rate_limited",
    });
    expect(calls).toHaveLength(1);
  });

  test("three failed reads in a row mark the broker down", async () => {
    const { ctx } = harness([drop]);
    await expect(ctx.http.request("http://broker", { method: "GET", path: "/x", idempotent: true, scope: "a" })).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(ctx.health.status()).toBe("down");
  });
});
