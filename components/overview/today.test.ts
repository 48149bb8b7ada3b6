import { describe, expect, test } from "vitest";
import { msUntilNextUtcDay, realisedToday, startOfUtcDay, sumValues } from "./today";

describe("today's P&L", () => {
  const now = new Date("2026-03-10T15:30:00.000Z");
  const dayStart = startOfUtcDay(now);

  test("the day starts at 00:00 UTC and the next one is counted down to the millisecond", () => {
    expect(dayStart.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(msUntilNextUtcDay(now)).toBe(8.5 * 3_600_000);
  });

  test("counts positions closed since 00:00 UTC and partial closes of open ones, nothing older", () => {
    const closed = [
      { id: "today", realized_pnl: 12.5, closed_at: "2026-03-10T00:00:00.000Z" },
      { id: "yesterday", realized_pnl: -99, closed_at: "2026-03-09T23:59:59.999Z" },
    ];
    const open = [
      { id: "partial", realized_pnl: -2.25 },
      { id: "untouched", realized_pnl: 0 },
    ];
    const r = realisedToday(closed, open, dayStart);
    expect(r).toEqual({ today: 12.5, partial: -2.25 });
    expect(sumValues(r)).toBe(10.25);
  });
});
