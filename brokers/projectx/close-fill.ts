import { asRecord, num, str, type JsonRecord } from "@/brokers/shared/json";

/** The close we sent: the contract, the exit side (Order `side`: 0 buy, 1 sell) and how many contracts. */
export type PxClose = { contractId: string; side: number; size: number };

/** What the close order filled: contracts and price. */
export type PxCloseFill = { filledQty: number; avgPrice: number };

/** The later of two orders: by creationTimestamp, then by id (the docs' examples number orders in sequence). */
function later(a: JsonRecord, b: JsonRecord): JsonRecord {
  const ta = Date.parse(str(a.creationTimestamp) ?? "") || 0;
  const tb = Date.parse(str(b.creationTimestamp) ?? "") || 0;
  if (ta !== tb) return ta > tb ? a : b;
  return (num(a.id) ?? 0) >= (num(b.id) ?? 0) ? a : b;
}

/**
 * The fill of a close from Order/search results. Position/closeContract and
 * partialCloseContract answer only `{success, errorCode, errorMessage}` (no order id), so the
 * close is the newest order of the contract on the exit side with a fill; Order/search gives
 * each order's `fillVolume` and `filledPrice`. The fill must cover the whole close, or an
 * earlier exit in the search window would be taken for it.
 */
export function closeOrderFill(orders: unknown[], close: PxClose): PxCloseFill | undefined {
  const candidates = orders
    .map(asRecord)
    .filter((o) => str(o.contractId) === close.contractId && num(o.side) === close.side && (num(o.fillVolume) ?? 0) > 0 && (num(o.filledPrice) ?? 0) > 0);
  const newest = candidates.reduce<JsonRecord | undefined>((best, o) => (best ? later(best, o) : o), undefined);
  if (!newest || num(newest.fillVolume) !== close.size) return undefined;
  return { filledQty: close.size, avgPrice: num(newest.filledPrice)! };
}
