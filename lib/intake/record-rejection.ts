import { serviceDb } from "@/lib/db/service";
import type { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log/logger";
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
        e.error.detail,
        e.ip,
        Math.round(e.latencyMs * 1000) / 1000,
        e.correlationId,
      ],
    );
  } catch (err) {
    log.error("could not record a rejected webhook", { correlation_id: e.correlationId, error: String(err) });
  }
}

const KEY_PATTERN = /uk_(demo|live)_[0-9A-Za-z]+/g;

/** The payload as stored: the API key never reaches the database. */
export function redactPayload(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { api_key: _dropped, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** The start of a raw body for the log, keys blanked out. */
export function rawExcerpt(raw: string): string {
  return raw.slice(0, 2000).replace(KEY_PATTERN, "uk_$1_[redacted]");
}
