/**
 * TradingView tickers → our canonical symbols. TradingView sends `EURUSD`, `OANDA:EURUSD`,
 * `NQ1!` (continuous front month), `MNQZ2025` or `MNQZ5` (a dated contract).
 */

export const MONTH_CODES = "FGHJKMNQUVXZ";

export type ParsedTicker =
  | { kind: "plain"; symbol: string; exchange?: string }
  | { kind: "continuous"; root: string; nth: number; exchange?: string }
  | { kind: "dated"; root: string; month: number; year: number; exchange?: string };

// Futures roots we recognise in dated form (so EURUSD is never read as a contract).
const FUTURE_ROOTS = new Set(["ES", "MES", "NQ", "MNQ", "YM", "MYM", "RTY", "M2K", "CL", "MCL", "GC", "MGC", "SI", "6E", "6B", "6J", "ZN", "ZB"]);

/** Splits a TradingView ticker into its parts. */
export function parseTicker(input: string): ParsedTicker {
  const raw = input.trim().toUpperCase();
  const colon = raw.lastIndexOf(":");
  const exchange = colon > 0 ? raw.slice(0, colon) : undefined;
  const body = (colon >= 0 ? raw.slice(colon + 1) : raw).replace(/[\s/._-]/g, "");
  const cont = /^([A-Z0-9]{1,4}?)(\d)!$/.exec(body);
  if (cont) return { kind: "continuous", root: cont[1], nth: Number(cont[2]), exchange };
  const dated = /^([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\d{4}|\d{1,2})$/.exec(body);
  if (dated && FUTURE_ROOTS.has(dated[1])) {
    return { kind: "dated", root: dated[1], month: MONTH_CODES.indexOf(dated[2]) + 1, year: contractYear(dated[3]), exchange };
  }
  return { kind: "plain", symbol: body, exchange };
}

/** 4 digits as is; 2 digits in this century; 1 digit in the decade nearest to now (Z5 = 2025 in 2026). */
function contractYear(y: string, now = new Date()): number {
  if (y.length === 4) return Number(y);
  if (y.length === 2) return 2000 + Number(y);
  const current = now.getUTCFullYear();
  const year = current - (current % 10) + Number(y);
  return year < current - 2 ? year + 10 : year;
}

/** The canonical symbol we key instruments, positions and risk rules by (EURUSD, MNQ, XAUUSD). */
export function canonicalSymbol(input: string): string {
  const t = parseTicker(input);
  return t.kind === "plain" ? t.symbol : t.root;
}

/** Third Friday of a month (UTC), the usual expiry of CME equity index futures. */
export function thirdFriday(year: number, month: number): Date {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (5 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month - 1, 1 + offset + 14));
}

/**
 * The contract a continuous ticker (`NQ1!`) means at `now`: the nearest contract of the
 * root's cycle whose roll date (expiry minus rollDays) is still ahead. nth = 2 is the next one.
 */
export function frontMonth(
  cycle: number[],
  now: Date,
  nth = 1,
  rollDays = 8,
): { month: number; year: number; code: string } {
  let year = now.getUTCFullYear();
  let found = 0;
  for (let i = 0; i < 48; i++) {
    const month = ((now.getUTCMonth() + i) % 12) + 1;
    if (i > 0 && month === 1) year++;
    if (!cycle.includes(month)) continue;
    const roll = thirdFriday(year, month).getTime() - rollDays * 86_400_000;
    if (roll <= now.getTime()) continue;
    if (++found === nth) return { month, year, code: `${MONTH_CODES[month - 1]}${year % 10}` };
  }
  throw new Error("no contract month found");
}

export const QUARTERLY = [3, 6, 9, 12];
export const MONTHLY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
