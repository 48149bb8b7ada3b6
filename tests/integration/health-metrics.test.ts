import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call } from "../support/client";
import { resetConfig } from "../../lib/config/env";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe("GET /health", () => {
  test("reports database, bus and brokers without secrets", async () => {
    const res = await call<Record<string, unknown>>(app, "GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ db: "ok", bus: "ok", version: expect.any(String) });
    expect(["healthy", "degraded"]).toContain(res.body.status);
    expect((res.body.brokers as Record<string, string>).paper).toBe("operational");
    expect(res.text).not.toMatch(/postgres:\/\/|secret|password/i);
  });
});

describe("GET /metrics", () => {
  test("Prometheus text with default metrics and the request histogram by route and status", async () => {
    await call(app, "GET", "/health");
    const res = await call(app, "GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.text).toContain("process_cpu_user_seconds_total");
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/health"[^}]*status="200"/);
  });

  test("METRICS_TOKEN, when set, is required", async () => {
    process.env.METRICS_TOKEN = "metrics-token-0123456789";
    resetConfig();
    try {
      expect((await call(app, "GET", "/metrics")).status).toBe(401);
      expect((await call(app, "GET", "/metrics", undefined, { headers: { authorization: "Bearer metrics-token-0123456789" } })).status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
      resetConfig();
    }
  });
});
