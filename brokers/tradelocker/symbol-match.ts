import { parseTicker } from "@/lib/market/symbols";
import { futuresContract } from "@/brokers/shared/futures";

/**
 * CFD names brokers on TradeLocker commonly give the markets TradingView quotes as futures.
 * Not documented by TradeLocker (each broker names its own symbols); extend or override
 * with TRADELOCKER_SYMBOL_ALIASES='{"NQ":["NAS100"]}'.
 */
const DEFAULT_ALIASES: Record<string, string[]> = {
  NQ: ["NAS100", "US100", "USTEC", "NDX100"],
  ES: ["US500", "SPX500", "SP500", "US500CASH"],
  YM: ["US30", "DJ30", "WS30"],
  RTY: ["US2000", "RUSSELL2000"],
  GC: ["XAUUSD", "GOLD"],
  SI: ["XAGUSD", "SILVER"],
  CL: ["USOIL", "WTI", "XTIUSD"],
};
const MICRO_PARENT: Record<string, string> = { MNQ: "NQ", MES: "ES", MYM: "YM", M2K: "RTY", MGC: "GC", MCL: "CL" };

function envAliases(): Record<string, string[]> {
  const raw = process.env.TRADELOCKER_SYMBOL_ALIASES;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== "object") return {};
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k.toUpperCase()] = v.filter((x): x is string => typeof x === "string").map((x) => x.toUpperCase());
    }
    return out;
  } catch {
    return {};
  }
}

/** Broker symbol names to look for, best first, for a TradingView ticker. */
export function candidateNames(ticker: string, now: Date): string[] {
  const parsed = parseTicker(ticker);
  const future = futuresContract(ticker, now);
  const base = future ? future.root : parsed.kind === "plain" ? parsed.symbol : parsed.root;
  const root = MICRO_PARENT[base] ?? base;
  const aliases = { ...DEFAULT_ALIASES, ...envAliases() };
  return [...new Set([base, ...(aliases[base] ?? []), ...(aliases[root] ?? [])])];
}

/**
 * A broker symbol name reduced for comparison: upper case, without separators and without
 * a trailing account-type suffix ("EURUSD.m", "EUR/USD", "XAUUSD-pro" → EURUSD, XAUUSD).
 */
export function normalizeName(name: string): string {
  const upper = name.toUpperCase().trim();
  const dot = upper.search(/[.#]/);
  const head = dot > 0 ? upper.slice(0, dot) : upper;
  return head.replace(/[\s/_-]|PRO$|ECN$/g, "");
}

/** Picks the instrument whose name matches the candidates: exact first, then normalised. */
export function matchInstrumentName<T extends { name: string }>(instruments: T[], candidates: string[]): T | undefined {
  for (const c of candidates) {
    const exact = instruments.find((i) => i.name.toUpperCase() === c);
    if (exact) return exact;
  }
  for (const c of candidates) {
    const loose = instruments.find((i) => normalizeName(i.name) === c);
    if (loose) return loose;
  }
  return undefined;
}
