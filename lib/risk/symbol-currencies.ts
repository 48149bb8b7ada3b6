/**
 * Which currencies' economic news moves an instrument, for the news lockout. FX pairs are
 * read from their two halves; everything else comes from this table. Metals and crypto
 * quoted in USD map to USD only: gold and bitcoin have no calendar of their own.
 */
import { instrumentKey } from "./instrument-key";

/** Currencies that appear in economic calendars. */
const CALENDAR_CURRENCIES = new Set(["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "CNH", "SEK", "NOK", "DKK", "SGD", "HKD", "MXN", "ZAR", "TRY", "PLN"]);

const USD = ["USD"];
/** Instruments whose currencies cannot be read from the symbol. */
export const SYMBOL_CURRENCIES: Record<string, string[]> = {
  // CME equity index futures and micros
  ES: USD, MES: USD, NQ: USD, MNQ: USD, YM: USD, MYM: USD, RTY: USD, M2K: USD,
  // Energy, metals and Treasury futures, priced in USD
  CL: USD, MCL: USD, GC: USD, MGC: USD, SI: USD, ZN: USD, ZB: USD,
  // CME FX futures: the currency against the dollar
  "6E": ["EUR", "USD"], "6B": ["GBP", "USD"], "6J": ["JPY", "USD"],
  // Index CFDs under their common broker names
  US30: USD, DJ30: USD, US100: USD, NAS100: USD, USTEC: USD, US500: USD, SPX500: USD, US2000: USD,
  GER40: ["EUR"], DE40: ["EUR"], GER30: ["EUR"], EU50: ["EUR"], FRA40: ["EUR"],
  UK100: ["GBP"], JP225: ["JPY"], JPN225: ["JPY"], AUS200: ["AUD"],
  // Spot metals and energy CFDs
  XAUUSD: USD, XAGUSD: USD, USOIL: USD, WTI: USD,
};

/**
 * The calendar currencies for a symbol in any spelling (OANDA:EURUSD → EUR, USD; MNQ1! →
 * USD; BTCUSD → USD). Unknown symbols map to none, so no news lockout applies to them.
 */
export function symbolCurrencies(symbol: string): string[] {
  const s = instrumentKey(symbol);
  const known = SYMBOL_CURRENCIES[s];
  if (known) return known;
  const base = s.slice(0, 3);
  const quote = s.slice(3, 6);
  if (CALENDAR_CURRENCIES.has(base) && CALENDAR_CURRENCIES.has(quote)) return [base, quote];
  // Crypto and other assets quoted in a currency: BTCUSD, ETHEUR; stablecoins count as USD.
  if (/USD[TC]$/.test(s)) return USD;
  const tail = s.slice(-3);
  return s.length > 3 && CALENDAR_CURRENCIES.has(tail) ? [tail] : [];
}
