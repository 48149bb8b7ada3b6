import { parseTicker } from "@/lib/market/symbols";
import { BrokerError, type Instrument } from "@/brokers/types";
import { futuresContract, futuresSpec, shortContractName } from "@/brokers/shared/futures";
import { combineQtyLimits } from "@/brokers/shared/qty-limits";

/** Tradovate seed limits: 1–50 contracts (the seeds give none for Tradovate; Topstep's are used, unconfirmed). */
export const TRADOVATE_SEED_LIMITS = { minQty: 1, maxQty: 50, qtyStep: 1 };

/** The Tradovate contract name a ticker means at `now`: NQ1! → NQZ5, MNQZ2025 → MNQZ5. */
export function tradovateContractName(ticker: string, now: Date): { root: string; name: string } {
  const c = futuresContract(ticker, now);
  if (!c) throw new BrokerError(`${ticker} is not a futures ticker; Tradovate trades futures only.`, "rejected");
  return { root: c.root, name: shortContractName(c) };
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
