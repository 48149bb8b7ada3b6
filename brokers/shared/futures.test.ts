import { describe, expect, test } from "vitest";
import { futuresContract, monthYearSuffix, shortContractName } from "./futures";

const now = new Date(Date.UTC(2025, 9, 1)); // 1 Oct 2025: Dec 2025 is the front quarterly

describe("futuresContract", () => {
  test("continuous NQ1! is the front quarterly month, NQ2! the next", () => {
    expect(futuresContract("NQ1!", now)).toMatchObject({ root: "NQ", month: 12, year: 2025, monthCode: "Z" });
    expect(futuresContract("CME_MINI:NQ2!", now)).toMatchObject({ root: "NQ", month: 3, year: 2026, monthCode: "H" });
  });

  test("dated tickers keep their month in both year spellings", () => {
    expect(futuresContract("MNQZ5", now)).toMatchObject({ root: "MNQ", month: 12, year: 2025 });
    expect(futuresContract("MNQZ2025", now)).toMatchObject({ root: "MNQ", month: 12, year: 2025 });
  });

  test("a bare known root is the front month; FX is not a future", () => {
    expect(futuresContract("MES", now)).toMatchObject({ root: "MES", monthCode: "Z", year: 2025 });
    expect(futuresContract("EURUSD", now)).toBeNull();
    expect(futuresContract("OANDA:EURUSD", now)).toBeNull();
  });

  test("rolls to the next quarter eight days before expiry", () => {
    // Third Friday of Dec 2025 is the 19th; on the 12th the roll date has passed.
    expect(futuresContract("ES1!", new Date(Date.UTC(2025, 11, 12)))).toMatchObject({ month: 3, year: 2026 });
    expect(futuresContract("ES1!", new Date(Date.UTC(2025, 11, 10)))).toMatchObject({ month: 12, year: 2025 });
  });

  test("names: Tradovate one-digit year, ProjectX two-digit suffix", () => {
    const c = futuresContract("MNQZ2025", now)!;
    expect(shortContractName(c)).toBe("MNQZ5");
    expect(monthYearSuffix(c)).toBe("Z25");
  });
});
