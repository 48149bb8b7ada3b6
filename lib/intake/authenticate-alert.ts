import type { SessionUser } from "@/lib/auth/authenticate";
import { asUser } from "@/lib/db/as-user";
import { AppError } from "@/lib/http/errors";
import { openJson } from "@/lib/crypto/envelope";
import { verifySignature, type SignatureHeader } from "@/lib/crypto/hmac";
import { ipAllowed } from "@/lib/accounts/ip-allowlist";
import { webhookSecretAad } from "@/lib/accounts/secret-aad";
import type { BrokerId } from "@/brokers/types";
import { lookupApiKey, type KeyAccount } from "./api-key-cache";

export type AlertCaller = {
  account: KeyAccount;
  /** true/false when a signature was checked; null when none was sent or required. */
  signatureValid: boolean | null;
  signature: SignatureHeader | null;
};

/**
 * The API key of a request: `Authorization: Bearer uk_…`, else `api_key` at the top of the
 * body — trimmed in both places, since a key pasted into an alert template often brings a
 * trailing space or newline along.
 */
export function apiKeyOf(headers: Headers, body: unknown): string | null {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer uk_")) return auth.slice(7).trim();
  if (body && typeof body === "object" && "api_key" in body && typeof (body as { api_key: unknown }).api_key === "string") {
    return (body as { api_key: string }).api_key.trim() || null;
  }
  return null;
}

/** The account a session caller trades on (/order with a session): intent.account_id, which must be theirs. */
async function sessionAccount(user: SessionUser, accountId: string | undefined): Promise<KeyAccount> {
  if (!accountId) throw new AppError("invalid_request", "intent.account_id: is required when you send orders with a session", { errors: [{ path: "intent.account_id", message: "is required" }] });
  const [row] = await asUser(user.claims, (tx) =>
    tx.query<KeyAccount>(
      `select a.id as account_id, a.user_id, p.email, p.role, p.plan, p.status as user_status, p.trial_ends_at,
              a.broker, a.mode, a.enabled, a.status as account_status, a.require_signature, a.ip_allowlist, a.webhook_secret_enc
       from public.broker_accounts a join public.profiles p on p.id = a.user_id
       where a.id = $1 and a.user_id = $2`,
      [accountId, user.id],
    ),
  );
  if (!row) throw new AppError("not_found", "No such broker account.");
  return { ...row, require_signature: false, ip_allowlist: [] };
}

/**
 * Who sends this alert, and may they: API key (header or body) or session, the broker in
 * the URL, suspension, IP allowlist and — when sent or required — the HMAC signature over
 * the raw body (5-minute window; single use is enforced in the pipeline's transaction).
 */
export async function authenticateAlert(input: {
  headers: Headers;
  rawBody: string;
  body: unknown;
  ip: string;
  brokerInPath: BrokerId | null;
  sessionUser: SessionUser | null;
  accountIdInIntent?: string;
  nowSec?: number;
}): Promise<AlertCaller> {
  const key = apiKeyOf(input.headers, input.body);
  let account: KeyAccount;
  if (key) {
    const found = await lookupApiKey(key);
    if (!found) throw new AppError("unauthorized", "Unknown API key. Copy the key of your account from the dashboard (regenerating a key revokes the old one).");
    account = found;
  } else if (input.sessionUser) {
    account = await sessionAccount(input.sessionUser, input.accountIdInIntent);
  } else {
    throw new AppError("unauthorized", "Send your account's API key as `api_key` in the alert body (or Authorization: Bearer).");
  }
  if (input.brokerInPath && input.brokerInPath !== account.broker) {
    throw new AppError("forbidden", `This API key belongs to a ${account.broker} account; send its alerts to /webhook/${account.broker}.`);
  }
  if (account.user_status === "suspended") throw new AppError("forbidden", "This Unify account is suspended. Contact support.");
  if (!ipAllowed(account.ip_allowlist, input.ip)) {
    throw new AppError("ip_not_allowed", `Requests from ${input.ip} are not in this account's IP allowlist.`);
  }
  const header = input.headers.get("x-webhook-signature");
  if (!header && !account.require_signature) return { account, signatureValid: null, signature: null };
  if (!header) throw new AppError("invalid_signature", "This account requires signed alerts: send X-Webhook-Signature: t=<unix>,v1=<hex HMAC>.");
  const secret = openJson<string>(account.webhook_secret_enc, webhookSecretAad(account.account_id));
  const check = verifySignature(secret, header, input.rawBody, input.nowSec ?? Math.floor(Date.now() / 1000));
  if (!check.ok) {
    throw new AppError(
      check.code,
      check.code === "signature_expired"
        ? "The signature timestamp is more than 5 minutes from our clock; sign each request when you send it."
        : "The signature does not match the body: sign t + \".\" + the exact raw body with the account's webhook secret.",
    );
  }
  return { account, signatureValid: true, signature: check.sig };
}
