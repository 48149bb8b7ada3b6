import QRCode from "qrcode";
import { asService } from "@/lib/db/service";
import { AppError } from "@/lib/http/errors";
import { openJson, type Envelope } from "@/lib/crypto/envelope";
import type { Queryable } from "@/lib/db/types";
import type { SessionUser } from "./authenticate";
import { claimLoginAttempt, settleLoginSuccess } from "./login-throttle";
import { newBackupCodes, newTotpSecret, sealTotpSecret, spendTotpCode, totpAad, verifySecondFactor, verifyTotp } from "./second-factor";

type Row = { totp_enabled: boolean; totp_secret_enc: Envelope | null };

// 2FA secrets live in user_credentials, which no user role can read: these run as the service, scoped to the caller.
async function state(userId: string): Promise<Row> {
  const [row] = await asService((tx) =>
    tx.query<Row>("select p.totp_enabled, c.totp_secret_enc from public.profiles p join public.user_credentials c on c.user_id = p.id where p.id = $1", [userId]),
  );
  return row;
}

/** Starts 2FA set-up: a new secret (stored encrypted, not yet enabled) as an otpauth URL and a QR code. */
export async function setupTwoFactor(user: SessionUser): Promise<{ otpauth_url: string; qr_data_url: string }> {
  const current = await state(user.id);
  if (current.totp_enabled) throw new AppError("conflict", "Two-factor authentication is already on. Disable it first to set up a new device.");
  const { secret, otpauthUrl } = newTotpSecret(user.email);
  await asService((tx) => tx.query("update public.user_credentials set totp_secret_enc = $2 where user_id = $1", [user.id, JSON.stringify(sealTotpSecret(user.id, secret))]));
  return { otpauth_url: otpauthUrl, qr_data_url: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

/** Turns 2FA on once the user proves their app shows the right code; returns ten one-time backup codes. */
export async function enableTwoFactor(user: SessionUser, code: string): Promise<{ backup_codes: string[] }> {
  const current = await state(user.id);
  if (current.totp_enabled) throw new AppError("conflict", "Two-factor authentication is already on.");
  if (!current.totp_secret_enc) throw new AppError("conflict", "Start with POST /auth/2fa/setup.");
  const totp = code.trim();
  if (!(await verifyTotp(openJson<string>(current.totp_secret_enc, totpAad(user.id)), totp)) || !(await spendTotpCode(user.id, totp))) {
    throw new AppError("invalid_request", "code: that is not the current code from your authenticator app", { errors: [{ path: "code", message: "is not the current code" }] });
  }
  const { codes, hashes } = newBackupCodes();
  await asService(async (tx) => {
    await tx.query("update public.user_credentials set backup_code_hashes = $2 where user_id = $1", [user.id, hashes]);
    await tx.query("update public.profiles set totp_enabled = true where id = $1", [user.id]);
    await endOtherSessions(tx, user);
  });
  return { backup_codes: codes };
}

/**
 * Turns 2FA off, with a current code (or a backup code) as proof. Attempts count against
 * the same per-account and per-IP allowance as sign-in, so a stolen session cannot
 * enumerate the million 6-digit codes here.
 */
export async function disableTwoFactor(user: SessionUser, code: string, ip: string): Promise<void> {
  const current = await state(user.id);
  if (!current.totp_enabled || !current.totp_secret_enc) throw new AppError("conflict", "Two-factor authentication is not on.");
  await claimLoginAttempt(user.email.toLowerCase(), ip);
  const ok = await asService((tx) => verifySecondFactor(tx, user.id, code));
  if (!ok) throw new AppError("invalid_request", "code: not a valid code", { errors: [{ path: "code", message: "is not a valid code" }] });
  await settleLoginSuccess(user.email.toLowerCase(), ip);
  await asService(async (tx) => {
    await tx.query("update public.user_credentials set totp_secret_enc = null, backup_code_hashes = '{}' where user_id = $1", [user.id]);
    await tx.query("update public.profiles set totp_enabled = false where id = $1", [user.id]);
  });
}

// Turning 2FA on ends every other session of the user: a token stolen before (the usual
// reason to turn it on) must not outlive it.
async function endOtherSessions(tx: Queryable, user: SessionUser): Promise<void> {
  await tx.query("delete from public.sessions where user_id = $1 and id <> $2", [user.id, user.sessionId]);
}
