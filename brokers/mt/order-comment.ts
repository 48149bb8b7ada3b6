import { createHash } from "node:crypto";

/**
 * The MetaTrader order comment that carries our order id. MT4 and MT5 keep at most 31
 * characters of a comment (brokers may truncate further; *unconfirmed* per broker), too
 * short for a 36-character UUID, so the UUID's 128 bits are written in base 36, padded to
 * 25 characters, behind "unify:" — 31 characters that still tell the trader in the
 * terminal which trades Unify placed. Fixed length, so a broker appending text (MT4 adds
 * "[sl]"/"[tp]" on closes) still leaves a prefix we recognise.
 */
export const COMMENT_PREFIX = "unify:";
const BODY_LENGTH = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The comment for one of our orders. Non-UUID ids (never in production) hash into the same shape. */
export function orderComment(orderId: string): string {
  const hex = UUID.test(orderId) ? orderId.replace(/-/g, "") : createHash("sha256").update(orderId).digest("hex").slice(0, 32);
  return COMMENT_PREFIX + BigInt(`0x${hex}`).toString(36).padStart(BODY_LENGTH, "0");
}

/** Our order id back from a terminal comment, or null when the comment is not one of ours. */
export function orderIdFromComment(comment: string | undefined): string | null {
  const m = /^unify:([0-9a-z]{25})/.exec(comment ?? "");
  if (!m) return null;
  let value = 0n;
  for (const ch of m[1]) value = value * 36n + BigInt(parseInt(ch, 36));
  if (value >> 128n) return null;
  const hex = value.toString(16).padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when a terminal comment carries `comment` (ours), even with text a broker appended. */
export function commentMatches(terminalComment: string | undefined, comment: string): boolean {
  return !!terminalComment && comment.length > COMMENT_PREFIX.length && terminalComment.startsWith(comment);
}
