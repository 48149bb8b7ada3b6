import { afterEach, describe, expect, test } from "vitest";
import { brokerTimeoutMs, projectXBaseUrl, tradeLockerBaseUrl, tradovateBaseUrl, DEFAULT_BROKER_TIMEOUT_MS } from "./base-urls";

const names = ["TRADELOCKER_BASE_URL", "PROJECTX_BASE_URL", "TRADOVATE_BASE_URL", "BROKER_TIMEOUT_MS"];
afterEach(() => names.forEach((n) => delete process.env[n]));

describe("broker base URLs", () => {
  test("documented hosts by account mode", () => {
    expect(tradeLockerBaseUrl("demo")).toBe("https://demo.tradelocker.com/backend-api");
    expect(tradeLockerBaseUrl("live")).toBe("https://live.tradelocker.com/backend-api");
    expect(tradovateBaseUrl("live")).toBe("https://live.tradovateapi.com/v1");
    expect(projectXBaseUrl("live")).toBe("https://gateway-api-demo.s2f.projectx.com");
  });

  test("the environment overrides them (read on every call, trailing slash dropped)", () => {
    process.env.TRADELOCKER_BASE_URL = "http://127.0.0.1:9999/backend-api/";
    process.env.PROJECTX_BASE_URL = "https://api.topstepx.com";
    expect(tradeLockerBaseUrl("live")).toBe("http://127.0.0.1:9999/backend-api");
    expect(projectXBaseUrl("live")).toBe("https://api.topstepx.com");
  });

  test("timeout defaults to 2 s and ignores nonsense", () => {
    expect(brokerTimeoutMs()).toBe(DEFAULT_BROKER_TIMEOUT_MS);
    process.env.BROKER_TIMEOUT_MS = "750";
    expect(brokerTimeoutMs()).toBe(750);
    process.env.BROKER_TIMEOUT_MS = "fast";
    expect(brokerTimeoutMs()).toBe(DEFAULT_BROKER_TIMEOUT_MS);
  });
});
