import { createHash } from "node:crypto";

/** TradeLocker rejects longer strategy ids (brokers.md: ≤ 31 characters; the Python client checks 32). */
export const MAX_STRATEGY_ID_LENGTH = 31;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `strategyId` we send for our order id. TradeLocker's field is too short for a UUID
 * (36 characters), so a UUID is written as its 128-bit value in base 36 behind a "u"
 * (at most 26 letters and digits). The mapping is deterministic, so findOrder recomputes
 * it from our order id and matches it against the strategyId column of orders and
 * positions. Other ids that fit are sent as they are; longer ones as an "h" + base-36
 * SHA-256 prefix (collision odds ~2^-120).
 */
export function strategyIdFor(clientOrderId: string): string {
  if (UUID.test(clientOrderId)) return `u${BigInt(`0x${clientOrderId.replace(/-/g, "")}`).toString(36)}`;
  if (clientOrderId.length <= MAX_STRATEGY_ID_LENGTH && /^[A-Za-z0-9_-]+$/.test(clientOrderId) && !/^[uh][0-9a-z]{20,}$/.test(clientOrderId)) {
    return clientOrderId;
  }
  const digest = createHash("sha256").update(clientOrderId).digest().subarray(0, 16);
  return `h${BigInt(`0x${digest.toString("hex")}`).toString(36)}`;
}
