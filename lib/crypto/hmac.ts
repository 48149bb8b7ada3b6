import crypto from "node:crypto";

export function hmacSha256Hex(secret: string | Buffer, message: string | Buffer): string {
  return crypto.createHmac("sha256", secret).update(message).digest("hex");
}

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** Compares two strings in constant time (for the same length). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** Builds `t=<unix>,v1=<hex>` over `t + "." + body` — the webhook and EA signature header. */
export function signPayload(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${body}`)}`;
}

export type SignatureHeader = { t: number; v1: string };

/** Parses `t=…,v1=…`; null when the header is malformed. */
export function parseSignatureHeader(header: string): SignatureHeader | null {
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/i.test(parts.v1 ?? "")) return null;
  return { t, v1: parts.v1.toLowerCase() };
}

export type SignatureCheck = { ok: true; sig: SignatureHeader } | { ok: false; code: "invalid_signature" | "signature_expired" };

/** Verifies a signature header against the raw body: well-formed, within the window, matching. */
export function verifySignature(secret: string, header: string, body: string, nowSec: number, windowSec = 300): SignatureCheck {
  const sig = parseSignatureHeader(header);
  if (!sig) return { ok: false, code: "invalid_signature" };
  if (Math.abs(nowSec - sig.t) > windowSec) return { ok: false, code: "signature_expired" };
  const expected = hmacSha256Hex(secret, `${sig.t}.${body}`);
  return safeEqual(expected, sig.v1) ? { ok: true, sig } : { ok: false, code: "invalid_signature" };
}
