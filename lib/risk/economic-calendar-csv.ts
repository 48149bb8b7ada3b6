/**
 * Economic calendar import: CSV with the header `datetime_utc,currency,impact,title` (any
 * column order). Titles may be quoted and contain commas ("Fed Chair Powell Speaks, Q&A");
 * lines starting with # are comments; blank lines are skipped.
 */
import { IMPACTS, type Impact } from "./schemas";
import type { EconomicEvent } from "./types";

export type CalendarCsvError = { line: number; message: string };
export type CalendarCsvResult = { events: EconomicEvent[]; errors: CalendarCsvError[] };

const COLUMNS = ["datetime_utc", "currency", "impact", "title"] as const;
type Column = (typeof COLUMNS)[number];
// ISO date and time; the offset is optional and means UTC when absent, as the column name says.
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Parses calendar CSV text. Returns every valid event and an error per bad line (with its
 * 1-based line number), so an importer can refuse the file or report what it skipped.
 */
export function parseEconomicCalendarCsv(text: string): CalendarCsvResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const events: EconomicEvent[] = [];
  const errors: CalendarCsvError[] = [];
  let columns: Record<Column, number> | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === "" || lines[i].trimStart().startsWith("#")) continue;
    const cells = splitCsvLine(lines[i]);
    if (cells === null) {
      errors.push({ line, message: "has an unclosed quote" });
      continue;
    }
    if (columns === null) {
      const header = cells.map((c) => c.trim().toLowerCase());
      const missing = COLUMNS.filter((c) => !header.includes(c));
      if (missing.length > 0) {
        // Without a header no row can be read: report once and stop.
        errors.push({ line, message: `the header must name the columns ${COLUMNS.join(",")} (missing ${missing.join(", ")})` });
        return { events, errors };
      }
      columns = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>;
      continue;
    }
    const cols = columns;
    const get = (c: Column) => (cells[cols[c]] ?? "").trim();
    const result = parseRow(get("datetime_utc"), get("currency"), get("impact"), get("title"));
    if (typeof result === "string") errors.push({ line, message: result });
    else events.push(result);
  }
  if (columns === null) errors.push({ line: 1, message: `the file is empty; expected the header ${COLUMNS.join(",")}` });
  return { events, errors };
}

function parseRow(datetime: string, currency: string, impact: string, title: string): EconomicEvent | string {
  const at = parseUtcDateTime(datetime);
  if (!at) return `datetime_utc "${datetime}" is not a date and time like 2026-01-09T13:30:00Z`;
  if (!/^[A-Za-z]{3}$/.test(currency)) return `currency "${currency}" is not a 3-letter code like USD`;
  const level = impact.toLowerCase();
  if (!(IMPACTS as readonly string[]).includes(level)) return `impact "${impact}" is not one of ${IMPACTS.join(", ")}`;
  if (title === "") return "title is empty";
  if (title.length > 200) return "title is longer than 200 characters";
  return { at, currency: currency.toUpperCase(), impact: level as Impact, title };
}

/** "2026-01-09T13:30:00Z", "2026-01-09 13:30" (UTC) or with an explicit offset; null if invalid (2026-02-30 included). */
function parseUtcDateTime(s: string): Date | null {
  const m = DATETIME.exec(s);
  if (!m) return null;
  const [year, month, day] = m[1].split("-").map(Number);
  const [hour, minute] = m[2].split(":").map(Number);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const at = new Date(`${m[1]}T${m[2]}${m[3] ?? ":00"}${m[5] ?? "Z"}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Splits one CSV line (RFC 4180 quoting, "" for a quote); null when a quote is left open. */
function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}
