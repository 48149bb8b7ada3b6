import { serviceDb } from "@/lib/db/service";
import type { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log/logger";
import { storableText } from "@/lib/http/storable-text";
import type { KeyAccount } from "./api-key-cache";

/**
 * Logs an alert refused before the pipeline's transaction (bad JSON, unknown key, bad
 * signature, validation, rate limit) in webhook_events, with the reason the trader
 * reads. Rows of unknown callers have no user and are visible to admins only.
 */
export async function recordRejection(e: {
  account: KeyAccount | null;
  broker: string | null;
  payload: unknown;
  rawExcerpt: string | null;
  signatureValid: boolean | null;
  error: AppError;
  ip: string;
  latencyMs: number;
  correlationId: string;
}): Promise<void> {
  try {
    const db = await serviceDb();
    await db.query(
      `insert into public.webhook_events
         (user_id, account_id, broker, payload, raw_excerpt, signature_valid, outcome, status_code, code, rule, reason, ip, latency_ms, correlation_id)
       values ($1, $2, $3, $4, $5, $6, 'rejected', $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.account?.user_id ?? null,
        e.account?.account_id ?? null,
        e.account?.broker ?? e.broker,
        e.payload === undefined ? null : JSON.stringify(e.payload),
        e.rawExcerpt,
        e.signatureValid,
        e.error.status,
        e.error.code,
        e.error.extras.rule ?? null,
        storableText(redactSecrets(e.error.detail)),
        e.ip,
        Math.round(e.latencyMs * 1000) / 1000,
        e.correlationId,
      ],
    );
  } catch (err) {
    log.error("could not record a rejected webhook", { correlation_id: e.correlationId, error: String(err) });
  }
}

// Account API keys and webhook secrets: stored only as a hash / encrypted, never as text,
// even when a trader pastes one into the wrong field.
const SECRET_PATTERN = /(uk_(?:demo|live)_|uws_)[0-9A-Za-z]+/g;

function redactText(text: string): string {
  return text.replace(SECRET_PATTERN, "$1[redacted]");
}

/** Any value with API keys and webhook secrets blanked out of every string (and property name). */
export function redactSecrets<T>(value: T): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactSecrets) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), redactSecrets(v)])) as T;
  }
  return value;
}

/**
 * The payload as stored: the API key never reaches the database — neither the `api_key`
 * field nor a key or webhook secret sent anywhere else in the body (parseJsonText bounds
 * the depth, so the walk is shallow).
 */
export function redactPayload(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return redactSecrets(body);
  const { api_key: _dropped, ...rest } = body as Record<string, unknown>;
  return redactSecrets(rest);
}


/** The start of a raw body for the log, keys and secrets blanked out. */
export function rawExcerpt(raw: string): string {
  return storableText(redactText(raw.slice(0, 2000)));
}
