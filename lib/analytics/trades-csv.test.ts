import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { csvCell, TRADE_COLUMNS, tradesCsv } from "./trades-csv";
import type { ClosedTrade } from "./types";
import { parseCsv } from "./test-support/parse-csv";

describe("csvCell", () => {
  test("formula-looking text gets a leading apostrophe (CSV injection guard)", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tTAB")).toBe("'\tTAB");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  test("RFC 4180 quoting of commas, quotes and line breaks; plain text left alone", () => {
    expect(csvCell("EU_Breakout")).toBe("EU_Breakout");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("")).toBe("");
  });

  test("numbers stay numbers, negative P&L included; null is an empty cell", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0.0001)).toBe("0.0001");
    expect(csvCell(null)).toBe("");
  });

  test("any text reads back as itself (apostrophe aside) and never starts a formula", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("=", "+", "-", "@", ",", '"', "\n", "\r", "a", "1", " ", "é") }), (text) => {
        const [[read]] = parseCsv(`${csvCell(text)}\r\n`);
        expect(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).toBe(read ?? "");
        expect(read ?? "").not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe("tradesCsv", () => {
  const trade: ClosedTrade = {
    id: "5a0c4b0e-8f7e-4d0b-9a53-2f1d1f3c7a11",
    account_id: "0d6f5d8e-1111-4c3b-9e0b-7f7c1a2b3c4d",
    account_name: '=cmd|" /C calc"!A0, main',
    currency: "USD",
    broker: "paper",
    symbol: "EURUSD",
    side: "buy",
    qty: 0.6,
    entry_price: 1.1002,
    exit_price: 1.101,
    realized_pnl: -48.25,
    tag: "@trend, v2",
    opened_at: new Date("2025-03-03T09:00:00Z"),
    closed_at: new Date("2025-03-03T10:30:00Z"),
  };

  test("a header row, then one CRLF-terminated line per trade", () => {
    const csv = tradesCsv([trade, { ...trade, tag: null, exit_price: null, account_name: "Plain" }]);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...TRADE_COLUMNS]);
    expect(rows).toHaveLength(3);
    const first = Object.fromEntries(TRADE_COLUMNS.map((c, i) => [c, rows[1][i]]));
    expect(first).toMatchObject({
      closed_at: "2025-03-03T10:30:00.000Z",
      account: `'=cmd|" /C calc"!A0, main`,
      realized_pnl: "-48.25",
      tag: "'@trend, v2",
      position_id: trade.id,
    });
    expect(rows[2][TRADE_COLUMNS.indexOf("tag")]).toBe("");
    expect(rows[2][TRADE_COLUMNS.indexOf("exit_price")]).toBe("");
  });

  test("no trades → just the header", () => {
    expect(tradesCsv([])).toBe(`${TRADE_COLUMNS.join(",")}\r\n`);
  });
});
