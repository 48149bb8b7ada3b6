import type { ClosedTrade } from "./types";

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection,
// OWASP); tab and carriage return are on OWASP's list too.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula gets a leading
 * apostrophe; cells holding a comma, quote or line break are quoted, quotes doubled.
 * Numbers are written as numbers and never guarded: they are ours, not user text, and a
 * negative P&L must stay a number in the spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of the trades export, in order. */
export const TRADE_COLUMNS = [
  "closed_at",
  "opened_at",
  "broker",
  "account",
  "currency",
  "symbol",
  "side",
  "qty",
  "entry_price",
  "exit_price",
  "realized_pnl",
  "tag",
  "position_id",
] as const;

/**
 * Closed trades as RFC 4180 CSV: a header row, then one line per trade, CRLF line ends.
 * qty is what was open when the position was finally closed; realized_pnl covers the
 * whole round trip (partial exits included), in the account currency.
 */
export function tradesCsv(trades: readonly ClosedTrade[]): string {
  const lines = [TRADE_COLUMNS.join(",")];
  for (const t of trades) {
    const cells: (string | number | null)[] = [
      t.closed_at.toISOString(),
      t.opened_at.toISOString(),
      t.broker,
      t.account_name,
      t.currency,
      t.symbol,
      t.side,
      t.qty,
      t.entry_price,
      t.exit_price,
      t.realized_pnl,
      t.tag,
      t.id,
    ];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
