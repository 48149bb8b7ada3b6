import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createLimiter } from "@/lib/http/limiter";
import type { Queryable } from "@/lib/db/types";
import { openJson, sealJson, type Envelope } from "@/lib/crypto/envelope";
import { sha256Hex } from "@/lib/crypto/hmac";

const totpAad = (userId: string) => `user:${userId}:totp`;

type SecondFactorRow = { totp_secret_enc: Envelope | null; backup_code_hashes: string[] };

/** A new TOTP secret and its otpauth:// URL (for the QR code). */
export function newTotpSecret(email: string): { secret: string; otpauthUrl: string } {
  const secret = generateSecret();
  return { secret, otpauthUrl: generateURI({ issuer: "Unify", label: email, secret }) };
}

export function sealTotpSecret(userId: string, secret: string): Envelope {
  return sealJson(secret, totpAad(userId));
}

/** True when code is the current TOTP (±30 s) for this secret. */
export { totpAad };

export async function verifyTotp(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}

// A TOTP code is accepted within ±30 s of its 30-second step, so it stays valid for up to
// 90 s: remember each accepted code that long (shared by replicas through rate_limits).
const TOTP_CODE_LIFETIME_SECONDS = 90;
const spentStore = globalThis as unknown as { __unifyTotpSpent?: Promise<RateLimiterAbstract> };

/**
 * Marks a user's accepted TOTP code as used; false when it was already used (a replay of
 * a code someone watched being typed, or sent twice), as RFC 6238 §5.2 asks.
 */
export async function spendTotpCode(userId: string, code: string): Promise<boolean> {
  spentStore.__unifyTotpSpent ??= createLimiter({ keyPrefix: "totp_spent", points: 1, duration: TOTP_CODE_LIFETIME_SECONDS });
  try {
    await (await spentStore.__unifyTotpSpent).consume(`${userId}:${code}`, 1);
    return true;
  } catch (err) {
    if (err instanceof RateLimiterRes) return false;
    throw err;
  }
}

/** Ten one-time backup codes (xxxxx-xxxxx) and their hashes to store. */
export function newBackupCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const hex = crypto.randomBytes(5).toString("hex");
    return `${hex.slice(0, 5)}-${hex.slice(5)}`;
  });
  return { codes, hashes: codes.map((c) => sha256Hex(c)) };
}

/**
 * Checks a login's second factor: the current TOTP code, or a backup code, which is
 * then used up. Runs inside the login transaction (service access).
 */
export async function verifySecondFactor(tx: Queryable, userId: string, code: string): Promise<boolean> {
  const [row] = await tx.query<SecondFactorRow>(
    "select totp_secret_enc, backup_code_hashes from public.user_credentials where user_id = $1 for update",
    [userId],
  );
  if (!row?.totp_secret_enc) return false;
  const trimmed = code.trim().toLowerCase();
  if (await verifyTotp(openJson<string>(row.totp_secret_enc, totpAad(userId)), trimmed)) return spendTotpCode(userId, trimmed);
  const hash = sha256Hex(trimmed);
  if (!row.backup_code_hashes.includes(hash)) return false;
  await tx.query("update public.user_credentials set backup_code_hashes = array_remove(backup_code_hashes, $2) where user_id = $1", [
    userId,
    hash,
  ]);
  return true;
}
