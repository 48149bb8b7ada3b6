import { canonicalSymbol } from "@/lib/market/symbols";
import { findInstrument } from "@/lib/market/instruments";

/**
 * The key risk rules compare instruments by: the catalog symbol when the ticker names a
 * catalog instrument under any of its names (GOLD and OANDA:XAUUSD → XAUUSD, US100 and
 * USTEC → NAS100, MNQ1! → MNQ), else the canonical symbol. A trader who denies "GOLD" means
 * the instrument, whatever the alert or the broker calls it.
 */
export function instrumentKey(symbol: string): string {
  return findInstrument(symbol)?.symbol ?? canonicalSymbol(symbol);
}
