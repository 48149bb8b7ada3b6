import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
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
  if (await verifyTotp(openJson<string>(row.totp_secret_enc, totpAad(userId)), trimmed)) return true;
  const hash = sha256Hex(trimmed);
  if (!row.backup_code_hashes.includes(hash)) return false;
  await tx.query("update public.user_credentials set backup_code_hashes = array_remove(backup_code_hashes, $2) where user_id = $1", [
    userId,
    hash,
  ]);
  return true;
}
