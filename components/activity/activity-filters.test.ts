import { describe, expect, test } from "vitest";
import { readActivityFilters } from "./activity-filters";

describe("activity filters from the URL", () => {
  test("known values pass, unknown ones are dropped instead of reaching the API", () => {
    expect(readActivityFilters({ level: "warn", type: "order", outcome: "rejected", correlation_id: " abc " })).toEqual({
      level: "warn",
      type: "order",
      outcome: "rejected",
      correlationId: "abc",
    });
    expect(readActivityFilters({ level: "fatal", type: "<script>", outcome: ["accepted", "rejected"] })).toEqual({ level: "", type: "", outcome: "", correlationId: null });
  });

  test("a correlation id is capped at the API's 100 characters", () => {
    expect(readActivityFilters({ correlation_id: "x".repeat(300) }).correlationId).toHaveLength(100);
  });
});
