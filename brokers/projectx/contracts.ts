import { parseTicker } from "@/lib/market/symbols";
import type { Instrument } from "@/brokers/types";
import { futuresContract, futuresSpec, monthYearSuffix } from "@/brokers/shared/futures";
import { asArray, asRecord, bool, num, str, type JsonRecord } from "@/brokers/shared/json";
import { combineQtyLimits } from "@/brokers/shared/qty-limits";

/** Topstep seed limits (product spec, seed 000): 1–50 contracts. */
export const TOPSTEP_SEED_LIMITS = { minQty: 1, maxQty: 50, qtyStep: 1 };

/**
 * ProjectX names some products differently from CME/TradingView: the docs' examples show
 * NQ as `CON.F.US.ENQ.*` and ES as `CON.F.US.EP.*`. The rest of this table is what
 * integrations report and is unconfirmed; PROJECTX_SYMBOL_ALIASES='{"NQ":["ENQ"]}' extends it.
 */
const DEFAULT_ALIASES: Record<string, string[]> = {
  NQ: ["ENQ"],
  ES: ["EP"],
  CL: ["CLE"],
  MCL: ["MCLE"],
  GC: ["GCE"],
  SI: ["SIE"],
  "6E": ["EU6"],
  "6B": ["BP6"],
  "6J": ["JY6"],
  ZN: ["TYA"],
  ZB: ["USA"],
};

function aliases(): Record<string, string[]> {
  const out = { ...DEFAULT_ALIASES };
  try {
    const parsed = JSON.parse(process.env.PROJECTX_SYMBOL_ALIASES ?? "{}") as unknown;
    for (const [k, v] of Object.entries(asRecord(parsed))) {
      out[k.toUpperCase()] = asArray(v).filter((x): x is string => typeof x === "string").map((x) => x.toUpperCase());
    }
  } catch {
    // A malformed override keeps the defaults.
  }
  return out;
}

/** A contract from Contract/search. */
export type PxContract = { id: string; name: string; tickSize: number; tickValue: number; active: boolean; description?: string };

/** Reads `contracts[]` of a Contract/search answer, skipping entries without tick data. */
export function readContracts(body: JsonRecord): PxContract[] {
  return asArray(body.contracts).flatMap((c) => {
    const r = asRecord(c);
    const id = str(r.id);
    const tickSize = num(r.tickSize);
    const tickValue = num(r.tickValue);
    if (!id || !tickSize || tickValue === undefined) return [];
    return [{ id, name: str(r.name) ?? id, tickSize, tickValue, active: bool(r.activeContract) ?? false, description: str(r.description) }];
  });
}

/** The product segment of a contract id: CON.F.US.MNQ.Z25 → MNQ. */
function productOf(c: PxContract): string {
  return c.id.split(".")[3]?.toUpperCase() ?? "";
}

/** Our root for a ProjectX product code (ENQ → NQ). */
export function rootForProduct(product: string): string {
  const p = product.toUpperCase();
  for (const [root, list] of Object.entries(aliases())) if (list.includes(p)) return root;
  return p;
}

/** The root of a contract id as we name it (CON.F.US.ENQ.H25 → NQ). */
export function rootForContractId(contractId: string): string {
  return rootForProduct(contractId.split(".")[3] ?? contractId);
}

/** What to send as Contract/search `searchText` for a ticker, and the root it means. */
export function searchTextFor(ticker: string, now: Date): { root: string; searchText: string } {
  const future = futuresContract(ticker, now);
  const t = parseTicker(ticker);
  const root = future?.root ?? (t.kind === "plain" ? t.symbol : t.root);
  return { root, searchText: root };
}

/**
 * Picks the contract a ticker means among search results: same product (our root or its
 * ProjectX alias), then for a dated ticker the matching month (id ends `.Z25`); for a
 * continuous or bare ticker the broker's active contract, else our computed front month.
 */
export function pickContract(ticker: string, contracts: PxContract[], now: Date): PxContract | undefined {
  const future = futuresContract(ticker, now);
  const t = parseTicker(ticker);
  const root = future?.root ?? (t.kind === "plain" ? t.symbol : t.root);
  const products = new Set([root, ...(aliases()[root] ?? [])]);
  const same = contracts.filter((c) => products.has(productOf(c)) || products.has(c.name.slice(0, -3).toUpperCase()));
  if (!future) return same.find((c) => c.active) ?? same[0];
  const suffix = monthYearSuffix(future);
  const byMonth = same.find((c) => c.id.toUpperCase().endsWith(`.${suffix}`) || c.name.toUpperCase().endsWith(suffix));
  if (t.kind === "dated" || (t.kind === "continuous" && t.nth > 1)) return byMonth;
  return same.find((c) => c.active) ?? byMonth;
}

/** Our Instrument for a ProjectX contract: futures, 1–50 contracts, valuePerPoint = tickValue / tickSize. */
export function contractToInstrument(c: PxContract): Instrument {
  const root = rootForContractId(c.id);
  return {
    symbol: root,
    brokerSymbol: c.id,
    kind: futuresSpec(root)?.kind ?? "future",
    ...combineQtyLimits({}, TOPSTEP_SEED_LIMITS),
    tickSize: c.tickSize,
    pipSize: c.tickSize,
    valuePerPoint: c.tickValue / c.tickSize,
    contractSize: 1,
    meta: { contractId: c.id, tickValue: c.tickValue },
  };
}
