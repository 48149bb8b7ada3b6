import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseEconomicCalendarCsv } from "./economic-calendar-csv";

describe("parseEconomicCalendarCsv", () => {
  test("parses the shipped 2026 sample without errors", () => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../../supabase/economic_events_sample.csv"), "utf8");
    const { events, errors } = parseEconomicCalendarCsv(text);
    expect(errors).toEqual([]);
    expect(events.length).toBeGreaterThanOrEqual(36);
    expect(new Set(events.map((e) => e.currency))).toEqual(new Set(["USD", "EUR", "GBP", "JPY"]));
    expect(events.every((e) => e.at.getUTCFullYear() === 2026 && e.impact !== "low")).toBe(true);
    const keys = events.map((e) => `${e.at.toISOString()}|${e.currency}|${e.title}`);
    expect(new Set(keys).size).toBe(keys.length); // economic_events is unique on (at, currency, title)
  });

  test("reads quoted titles, any column order, a BOM, CRLF, comments and UTC without an offset", () => {
    const text = '\uFEFFimpact,title,currency,datetime_utc\r\n# ECB week\r\nHIGH,"Rate Decision, Statement ""A""",eur,2026-02-05 13:15\r\n\r\n';
    expect(parseEconomicCalendarCsv(text)).toEqual({
      events: [{ at: new Date("2026-02-05T13:15:00Z"), currency: "EUR", impact: "high", title: 'Rate Decision, Statement "A"' }],
      errors: [],
    });
  });

  test("reports each bad line with its number and keeps the good ones", () => {
    const text = [
      "datetime_utc,currency,impact,title",
      "2026-01-09T13:30:00Z,USD,high,Non-Farm Payrolls",
      "2026-02-30T13:30:00Z,USD,high,Bad date",
      "2026-01-09T13:30:00Z,US,high,Bad currency",
      "2026-01-09T13:30:00Z,USD,huge,Bad impact",
      "2026-01-09T13:30:00Z,USD,high,",
      '2026-01-09T13:30:00Z,USD,high,"unclosed',
      "2026-01-09T08:30:00-05:00,USD,medium,With offset",
    ].join("\n");
    const { events, errors } = parseEconomicCalendarCsv(text);
    expect(events.map((e) => e.title)).toEqual(["Non-Farm Payrolls", "With offset"]);
    expect(events[1].at.toISOString()).toBe("2026-01-09T13:30:00.000Z");
    expect(errors).toEqual([
      { line: 3, message: 'datetime_utc "2026-02-30T13:30:00Z" is not a date and time like 2026-01-09T13:30:00Z' },
      { line: 4, message: 'currency "US" is not a 3-letter code like USD' },
      { line: 5, message: 'impact "huge" is not one of low, medium, high' },
      { line: 6, message: "title is empty" },
      { line: 7, message: "has an unclosed quote" },
    ]);
  });

  test("a missing header or an empty file is one clear error", () => {
    expect(parseEconomicCalendarCsv("when,currency,impact,title\n2026-01-09T13:30:00Z,USD,high,NFP").errors).toEqual([
      { line: 1, message: "the header must name the columns datetime_utc,currency,impact,title (missing datetime_utc)" },
    ]);
    expect(parseEconomicCalendarCsv("").errors).toEqual([{ line: 1, message: "the file is empty; expected the header datetime_utc,currency,impact,title" }]);
  });
});
