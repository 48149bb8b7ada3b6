import { frontMonth, MONTH_CODES, parseTicker, QUARTERLY, MONTHLY } from "@/lib/market/symbols";
import type { InstrumentKind } from "@/brokers/types";

/** One dated futures contract. */
export type FuturesContract = { root: string; month: number; year: number; monthCode: string };

/** Exchange contract specifications we fall back on when a broker does not report them. */
export type FuturesSpec = { tickSize: number; tickValue: number; kind: InstrumentKind; cycle: number[] };

// CME Group contract specs (tick size, USD per tick) and listed cycles.
const SPECS: Record<string, FuturesSpec> = {
  ES: { tickSize: 0.25, tickValue: 12.5, kind: "index_future", cycle: QUARTERLY },
  MES: { tickSize: 0.25, tickValue: 1.25, kind: "index_future", cycle: QUARTERLY },
  NQ: { tickSize: 0.25, tickValue: 5, kind: "index_future", cycle: QUARTERLY },
  MNQ: { tickSize: 0.25, tickValue: 0.5, kind: "index_future", cycle: QUARTERLY },
  YM: { tickSize: 1, tickValue: 5, kind: "index_future", cycle: QUARTERLY },
  MYM: { tickSize: 1, tickValue: 0.5, kind: "index_future", cycle: QUARTERLY },
  RTY: { tickSize: 0.1, tickValue: 5, kind: "index_future", cycle: QUARTERLY },
  M2K: { tickSize: 0.1, tickValue: 0.5, kind: "index_future", cycle: QUARTERLY },
  CL: { tickSize: 0.01, tickValue: 10, kind: "future", cycle: MONTHLY },
  MCL: { tickSize: 0.01, tickValue: 1, kind: "future", cycle: MONTHLY },
  GC: { tickSize: 0.1, tickValue: 10, kind: "metal", cycle: [2, 4, 6, 8, 10, 12] },
  MGC: { tickSize: 0.1, tickValue: 1, kind: "metal", cycle: [2, 4, 6, 8, 10, 12] },
  SI: { tickSize: 0.005, tickValue: 25, kind: "metal", cycle: [3, 5, 7, 9, 12] },
  "6E": { tickSize: 0.00005, tickValue: 6.25, kind: "future", cycle: QUARTERLY },
  "6B": { tickSize: 0.0001, tickValue: 6.25, kind: "future", cycle: QUARTERLY },
  "6J": { tickSize: 0.0000005, tickValue: 6.25, kind: "future", cycle: QUARTERLY },
  ZN: { tickSize: 0.015625, tickValue: 15.625, kind: "future", cycle: QUARTERLY },
  ZB: { tickSize: 0.03125, tickValue: 31.25, kind: "future", cycle: QUARTERLY },
};

/** The exchange spec of a futures root, if we know it. */
export function futuresSpec(root: string): FuturesSpec | undefined {
  return SPECS[root.toUpperCase()];
}

/**
 * The dated contract a TradingView ticker means at `now`: `MNQZ5`/`MNQZ2025` as written,
 * `NQ1!` (and a bare known root such as `MNQ`) the front month of the root's cycle, `NQ2!`
 * the next one. Null for tickers that are not futures (EURUSD).
 *
 * The roll is approximated as 8 days before the third Friday of the expiry month
 * (`frontMonth`), which is right for CME equity index futures; for energy and metals a
 * broker-side "active contract" flag is preferred where the broker has one.
 */
export function futuresContract(ticker: string, now: Date): FuturesContract | null {
  const t = parseTicker(ticker);
  if (t.kind === "dated") return { root: t.root, month: t.month, year: t.year, monthCode: MONTH_CODES[t.month - 1] };
  const root = t.kind === "continuous" ? t.root : t.symbol;
  const spec = futuresSpec(root);
  if (t.kind === "plain" && !spec) return null;
  const front = frontMonth(spec?.cycle ?? QUARTERLY, now, t.kind === "continuous" ? t.nth : 1);
  return { root, month: front.month, year: front.year, monthCode: MONTH_CODES[front.month - 1] };
}

/** Contract name with a one-digit year, as Tradovate names contracts: `MNQZ5`. */
export function shortContractName(c: FuturesContract): string {
  return `${c.root}${c.monthCode}${c.year % 10}`;
}

/** Month code with a two-digit year, as ProjectX contract ids end: `Z25`. */
export function monthYearSuffix(c: FuturesContract): string {
  return `${c.monthCode}${String(c.year % 100).padStart(2, "0")}`;
}
