import { describe, expect, test } from "vitest";
import { pageRange } from "./page-range";

const now = new Date("2025-03-15T13:45:00Z");

describe("pageRange", () => {
  test("no parameters → the last 30 days; presets by name; unknown presets fall back to 30 days", () => {
    expect(pageRange({}, now)).toEqual({ preset: "30d", query: { from: "2025-02-14", to: "2025-03-15" }, search: "from=2025-02-14&to=2025-03-15", error: null });
    expect(pageRange({ range: "7d" }, now).query).toEqual({ from: "2025-03-09", to: "2025-03-15" });
    expect(pageRange({ range: "all" }, now)).toMatchObject({ preset: "all", query: { to: "2025-03-15" }, search: "to=2025-03-15" });
    expect(pageRange({ range: "1y" }, now).preset).toBe("30d");
  });

  test("a custom from/to wins over the preset; a missing end means today", () => {
    expect(pageRange({ range: "7d", from: "2025-01-01", to: "2025-01-31" }, now)).toMatchObject({ preset: "custom", query: { from: "2025-01-01", to: "2025-01-31" } });
    expect(pageRange({ from: "2025-03-01", to: "" }, now).query).toEqual({ from: "2025-03-01", to: "2025-03-15" });
  });

  test("an impossible custom range is refused with a sentence for the form", () => {
    expect(pageRange({ from: "2025-03-10", to: "2025-03-01" }, now)).toMatchObject({ preset: "custom", error: "The start date must not be after the end date." });
    expect(pageRange({ from: "2025-02-30" }, now).error).toMatch(/^From must be an ISO date/);
  });
});
