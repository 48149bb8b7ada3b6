import { describe, expect, test } from "vitest";
import { presetRange, rangeEnd, rangeStart, resolveRange } from "./date-range";
import { analyticsRangeQuery, drawdownQuery, equityQuery } from "./schemas";

const now = new Date("2025-03-15T13:45:00Z");

describe("date ranges", () => {
  test("a date is a whole UTC day; a date-time is an instant", () => {
    expect(rangeStart("2025-03-01").toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(rangeEnd("2025-03-01").toISOString()).toBe("2025-03-02T00:00:00.000Z");
    expect(rangeStart("2025-03-01T10:00:00+02:00").toISOString()).toBe("2025-03-01T08:00:00.000Z");
    expect(rangeEnd("2025-03-01T08:00:00Z").toISOString()).toBe("2025-03-01T08:00:00.001Z");
  });

  test("no from = all history; no to = now", () => {
    expect(resolveRange({}, now)).toEqual({ from: null, to: now });
    expect(resolveRange({ from: "2025-03-01", to: "2025-03-02" }, now)).toEqual({ from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-03-03T00:00:00Z") });
  });

  test("presets are the last n days including today (UTC)", () => {
    expect(presetRange("7d", now)).toEqual({ from: "2025-03-09", to: "2025-03-15" });
    expect(presetRange("30d", now)).toEqual({ from: "2025-02-14", to: "2025-03-15" });
    expect(presetRange("90d", now)).toEqual({ from: "2024-12-16", to: "2025-03-15" });
    expect(presetRange("all", now)).toEqual({ to: "2025-03-15" });
  });
});

describe("query schemas", () => {
  test("ISO dates and date-times; the same day as from and to is one day", () => {
    expect(analyticsRangeQuery.parse({ from: "2025-03-01", to: "2025-03-01" })).toEqual({ from: "2025-03-01", to: "2025-03-01" });
    expect(analyticsRangeQuery.parse({ from: "2025-03-01T00:00:00Z", broker: "projectx" })).toEqual({ from: "2025-03-01T00:00:00Z", broker: "topstep" });
    expect(equityQuery.parse({ from: "", to: "" })).toEqual({});
  });

  test("clear field errors: bad dates, from after to, unknown brokers and parameters", () => {
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues(analyticsRangeQuery.safeParse({ from: "2025-02-30" }))).toEqual(["from: must be an ISO date (2025-01-31) or date-time (2025-01-31T14:30:00Z)"]);
    expect(issues(analyticsRangeQuery.safeParse({ from: "2025-03-02", to: "2025-03-01" }))).toEqual(["from: must not be after to"]);
    expect(issues(equityQuery.safeParse({ from: "2025-03-01T12:00:00Z", to: "2025-03-01T11:59:59Z" }))).toEqual(["from: must not be after to"]);
    expect(analyticsRangeQuery.safeParse({ broker: "nasdaq" }).success).toBe(false);
    expect(equityQuery.safeParse({ broker: "paper" }).success).toBe(false);
    expect(drawdownQuery.safeParse({ day: "2025-03-01T00:00:00Z" }).success).toBe(false);
    expect(drawdownQuery.parse({ day: "2025-03-01" })).toEqual({ day: "2025-03-01" });
  });
});
