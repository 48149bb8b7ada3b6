import crypto from "node:crypto";
import type { SealedAnswer } from "./schemas";

/**
 * Sealed poll answers: AES-256-GCM over the JSON `{"commands":[...]}`.
 *
 * - key = HMAC-SHA256(key = device secret as UTF-8, message = "unify-ea-seal-v1"): 32
 *   bytes. The EA already computes HMAC-SHA256 for its signatures, so it derives the key
 *   with the code it has.
 * - iv = 12 random bytes; tag = the full 16-byte GCM tag; iv, tag, ct in standard base64.
 * - AAD = `<device id>.<t>`, t being the timestamp of the poll's own X-Signature. An
 *   answer therefore opens only for the request it answers: an old sealed answer replayed
 *   by someone on the path fails its tag.
 *
 * MQL5's CryptEncode(CRYPT_AES256) is AES-256 in ECB mode (no IV, zero padding), not
 * GCM, so the reference EA builds GCM from it: one 16-byte ECB call is one AES block, and
 * CTR mode and GHASH are written in MQL5 (brokers/mt/ea-gcm.ts is the same algorithm in
 * TypeScript, tested against Node's GCM).
 */
export const SEAL_KEY_LABEL = "unify-ea-seal-v1";

/** The AES-256 key a device's answers are sealed with. */
export function sealKey(deviceSecret: string): Buffer {
  return crypto.createHmac("sha256", deviceSecret).update(SEAL_KEY_LABEL).digest();
}

/** The additional authenticated data binding an answer to the poll it answers. */
export function sealAad(deviceId: string, signatureTime: number): string {
  return `${deviceId}.${signatureTime}`;
}

/** Seals a poll answer's JSON text for a device. */
export function sealAnswer(plaintext: string, deviceSecret: string, aad: string, iv: Buffer = crypto.randomBytes(12)): SealedAnswer {
  const cipher = crypto.createCipheriv("aes-256-gcm", sealKey(deviceSecret), iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { sealed: { iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ct: ct.toString("base64") } };
}

/** Opens a sealed answer (clients other than MQL, and tests); throws when it was altered or is not for this aad. */
export function openAnswer(answer: SealedAnswer, deviceSecret: string, aad: string): string {
  const { iv, tag, ct } = answer.sealed;
  const decipher = crypto.createDecipheriv("aes-256-gcm", sealKey(deviceSecret), Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}
