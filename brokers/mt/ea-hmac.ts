import crypto from "node:crypto";

/**
 * HMAC-SHA256 (RFC 2104) written on top of a bare SHA-256, exactly as the EA does it:
 * MQL has CryptEncode(CRYPT_HASH_SHA256) but no HMAC. Kept here so the EA's construction
 * is proven against Node's createHmac (ea-hmac.test.ts), and so the test EA client signs
 * the EA's way rather than the server's.
 */
const BLOCK = 64;

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(crypto.createHash("sha256").update(data).digest());

/** HMAC-SHA256(key, message) from SHA-256 alone. */
export function hmacSha256FromHash(key: Uint8Array, message: Uint8Array): Uint8Array {
  // Keys longer than a block are hashed first; shorter ones are zero-padded to a block.
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? sha256(key) : key);
  const inner = new Uint8Array(BLOCK + message.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  inner.set(message, BLOCK);
  outer.set(sha256(inner), BLOCK);
  return sha256(outer);
}

/** Lower-case hex, as the EA's BytesToHex writes it. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}
