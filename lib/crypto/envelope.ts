import crypto from "node:crypto";
import { config } from "@/lib/config/env";

/** An AES-256-GCM ciphertext with the id of the key that sealed it (so keys can rotate). */
export type Envelope = { v: 1; kid: string; iv: string; tag: string; ct: string };

/** A short, stable id for a key: the first 8 bytes of its SHA-256, hex. Never the key itself. */
export function keyId(key: Buffer): string {
  return crypto.createHash("sha256").update(key).digest("hex").slice(0, 16);
}

type Keyring = { current: Buffer; byId: Map<string, Buffer> };

function keyring(): Keyring {
  const cfg = config();
  const byId = new Map<string, Buffer>();
  for (const k of [cfg.encryptionKey, ...cfg.oldEncryptionKeys]) byId.set(keyId(k), k);
  return { current: cfg.encryptionKey, byId };
}

/** Encrypts a string (JSON for objects) under the current key. aad binds it to its purpose. */
export function seal(plaintext: string, aad = "", ring: Keyring = keyring()): Envelope {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { v: 1, kid: keyId(ring.current), iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ct: ct.toString("base64") };
}

/** Decrypts an envelope with whichever configured key sealed it; throws if none did or it was altered. */
export function open(env: Envelope, aad = "", ring: Keyring = keyring()): string {
  const key = ring.byId.get(env.kid);
  if (!key) throw new Error(`no configured encryption key has id ${env.kid}; add it to UNIFY_ENCRYPTION_KEYS_OLD`);
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(env.iv, "base64"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(env.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(env.ct, "base64")), decipher.final()]).toString("utf8");
}

export function sealJson(value: unknown, aad = ""): Envelope {
  return seal(JSON.stringify(value), aad);
}

export function openJson<T>(env: Envelope, aad = ""): T {
  return JSON.parse(open(env, aad)) as T;
}

/** True when the envelope was sealed with a key other than the current one. */
export function needsRotation(env: Envelope): boolean {
  return env.kid !== keyId(config().encryptionKey);
}

/** Re-seals an envelope under the current key (key rotation). */
export function reseal(env: Envelope, aad = ""): Envelope {
  return seal(open(env, aad), aad);
}
