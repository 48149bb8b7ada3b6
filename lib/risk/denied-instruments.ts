import { instrumentKey } from "./instrument-key";
import type { RiskBlock, RiskInput } from "./types";

/**
 * `denied_instruments`: blocks entries in a listed symbol. Compared canonically and
 * case-insensitively, so a denied "EURUSD" also stops "OANDA:EURUSD" and "eurusd", and a
 * denied "NQ" stops "NQ1!" and "NQZ5"; the catalog's other names count too (a denied "GOLD"
 * stops XAUUSD, "US100" stops NAS100).
 */
export function checkDeniedInstruments({ intent, settings }: RiskInput): RiskBlock | null {
  if (!intent.symbol || settings.denied_instruments.length === 0) return null;
  const symbol = instrumentKey(intent.symbol);
  if (!settings.denied_instruments.some((d) => instrumentKey(d) === symbol)) return null;
  return { ok: false, rule: "denied_instruments", reason: `${symbol} is on your denied instruments list; remove it there to trade it.` };
}
