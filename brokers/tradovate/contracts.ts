import { parseTicker } from "@/lib/market/symbols";
import { BrokerError, type Instrument } from "@/brokers/types";
import { futuresContract, futuresSpec, shortContractName } from "@/brokers/shared/futures";
import { combineQtyLimits } from "@/brokers/shared/qty-limits";

/** Tradovate seed limits: 1–50 contracts (the seeds give none for Tradovate; Topstep's are used, unconfirmed). */
export const TRADOVATE_SEED_LIMITS = { minQty: 1, maxQty: 50, qtyStep: 1 };

/**
 * The Tradovate contract name a ticker means at `now`: NQ1! → NQZ5, MNQZ2025 → MNQZ5. For a
 * continuous or bare ticker (not a dated one) `next` names the following contract of the
 * root's cycle: our computed month rolls as equity index futures do (a week before the third
 * Friday), which is weeks too late for products that expire earlier in the month or in the
 * month before (CL expires around the 20th of the month before its contract month), so the
 * adapter moves on to `next` when Tradovate reports the computed month as expired.
 */
export function tradovateContractName(ticker: string, now: Date): { root: string; name: string; next?: string } {
  const c = futuresContract(ticker, now);
  if (!c) throw new BrokerError(`${ticker} is not a futures ticker; Tradovate trades futures only.`, "rejected");
  const t = parseTicker(ticker);
  const nth = t.kind === "continuous" ? t.nth : t.kind === "plain" ? 1 : undefined;
  const following = nth !== undefined && nth < 9 ? futuresContract(`${c.root}${nth + 1}!`, now) : null;
  return { root: c.root, name: shortContractName(c), ...(following ? { next: shortContractName(following) } : {}) };
}

/** Our root for a Tradovate contract name (MNQZ5 → MNQ). */
export function rootForContractName(name: string): string {
  const t = parseTicker(name);
  if (t.kind === "dated") return t.root;
  return name.replace(/[FGHJKMNQUVXZ]\d{1,2}$/, "");
}

/** Product facts the instrument needs: tick size and money per point (Tradovate Product entity). */
export type ProductSpec = { tickSize: number; valuePerPoint: number };

/**
 * Our Instrument for a Tradovate contract. Tick size and value per point come from the
 * Product entity when Tradovate answers, else from the exchange specs we carry.
 */
export function tradovateInstrument(root: string, contract: { id: number; name: string }, product: ProductSpec | null): Instrument {
  const spec = futuresSpec(root);
  const tickSize = product?.tickSize ?? spec?.tickSize;
  const valuePerPoint = product?.valuePerPoint ?? (spec ? spec.tickValue / spec.tickSize : undefined);
  if (!tickSize || !valuePerPoint) throw new BrokerError(`Tradovate did not report the tick size of ${contract.name}.`, "unavailable");
  return {
    symbol: root,
    brokerSymbol: contract.name,
    kind: spec?.kind ?? "future",
    ...combineQtyLimits({}, TRADOVATE_SEED_LIMITS),
    tickSize,
    pipSize: tickSize,
    valuePerPoint,
    contractSize: 1,
    meta: { contractId: contract.id, contractName: contract.name },
  };
}
