import { serviceDb } from "@/lib/db/service";
import { openJson, type Envelope } from "@/lib/crypto/envelope";
import { verifySignature, type SignatureHeader } from "@/lib/crypto/hmac";
import { deviceSecretAad } from "@/lib/accounts/secret-aad";
import { AppError } from "@/lib/http/errors";

/** An EA device that proved it holds its secret, with the account it trades. */
export type AuthenticatedDevice = {
  id: string;
  userId: string;
  accountId: string;
  broker: "mt4" | "mt5";
  sealCommands: boolean;
  accountEnabled: boolean;
  /** The device secret, decrypted for this request only (seals the answer). */
  secret: string;
  /** The request's verified signature; its t binds a sealed answer to this request. */
  signature: SignatureHeader;
};

type DeviceRow = {
  id: string;
  user_id: string;
  account_id: string;
  broker: "mt4" | "mt5";
  seal_commands: boolean;
  secret_enc: Envelope;
  enabled: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WINDOW_SEC = 300;

/**
 * Authenticates an EA request before its body is parsed: the device exists, the
 * X-Signature is an HMAC-SHA256 of `t + "." + rawBody` under the device secret, t is
 * within ±300 s of our clock, and this (device, t, v1) has not been used before. The EA
 * has no user session, so the device lookup runs as the service — keyed by the device id
 * and nothing else.
 */
export async function authenticateDevice(deviceId: string | null, signatureHeader: string | null, rawBody: string, nowSec: number): Promise<AuthenticatedDevice> {
  if (!deviceId || !UUID.test(deviceId.trim())) {
    throw new AppError("unauthorized", "Send X-Device-Id: the device id Unify showed when you connected the MetaTrader account.");
  }
  if (!signatureHeader) {
    throw new AppError("invalid_signature", 'Send X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + body under the device secret>.');
  }
  const db = await serviceDb();
  const [row] = await db.query<DeviceRow>(
    `select d.id, d.user_id, d.account_id, a.broker, d.seal_commands, d.secret_enc, a.enabled
       from public.ea_devices d join public.broker_accounts a on a.id = d.account_id
      where d.id = $1`,
    [deviceId.trim()],
  );
  if (!row) throw new AppError("unauthorized", "Unknown device id: copy it again from the account's page in Unify (it changes when the account is recreated).");

  const secret = openJson<string>(row.secret_enc, deviceSecretAad(row.account_id));
  const check = verifySignature(secret, signatureHeader, rawBody, nowSec, WINDOW_SEC);
  if (!check.ok) {
    throw check.code === "signature_expired"
      ? new AppError("signature_expired", `The signature time is more than ${WINDOW_SEC} s from the server's (${nowSec}). Set the computer's clock to update automatically.`)
      : new AppError("invalid_signature", "The signature does not match: check the device secret in the EA's inputs.");
  }
  const fresh = await db.query("insert into public.ea_signatures (device_id, signature) values ($1, $2) on conflict do nothing returning 1", [
    row.id,
    `${check.sig.t}.${check.sig.v1}`,
  ]);
  if (!fresh.length) throw new AppError("signature_replayed", "This signature was already used; the EA signs every request afresh.");

  return {
    id: row.id,
    userId: row.user_id,
    accountId: row.account_id,
    broker: row.broker,
    sealCommands: row.seal_commands,
    accountEnabled: row.enabled,
    secret,
    signature: check.sig,
  };
}
