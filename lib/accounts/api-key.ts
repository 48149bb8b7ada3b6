import { randomBase62 } from "@/lib/crypto/random";
import { sha256Hex } from "@/lib/crypto/hmac";

const KEY_FORMAT = /^uk_(demo|live)_[0-9A-Za-z]{32,128}$/;

/** A new account API key (`uk_demo_…`/`uk_live_…` + 40 random base62 chars), its hash and masked form. */
export function generateApiKey(mode: "demo" | "live") {
  const key = `uk_${mode}_${randomBase62(40)}`;
  return { key, hash: hashApiKey(key), masked: maskApiKey(key) };
}

/** Keys carry 238 bits of randomness, so a plain SHA-256 is a safe storage hash (no stretching needed). */
export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** `uk_live_AbCd…WxYz` — enough to recognise a key, never enough to use it. */
export function maskApiKey(key: string): string {
  const prefix = key.slice(0, key.indexOf("_", 3) + 1);
  const body = key.slice(prefix.length);
  return `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_FORMAT.test(value);
}

/** The per-account webhook signing secret (HMAC key for X-Webhook-Signature). */
export function generateWebhookSecret(): string {
  return `uws_${randomBase62(43)}`;
}
