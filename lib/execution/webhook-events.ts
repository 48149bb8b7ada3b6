import type { Queryable } from "@/lib/db/types";
import { sqlParams, type SqlParams } from "@/lib/db/sql-params";
import type { AppError } from "@/lib/http/errors";
import type { AdmitInput } from "./admission-types";

export type WebhookEventEntry = {
  input: Pick<AdmitInput, "caller" | "payload" | "ip" | "startedAt" | "correlationId">;
  outcome: "accepted" | "rejected" | "replayed";
  error: AppError | null;
  /** The order the alert made (or a replay answered with), or null. */
  orderId: string | null;
  /** The reason a trader reads when there is no error (a replay says what it replayed). */
  note?: string;
  /** The answer's status when accepted (200 unless told). */
  statusCode?: number;
};

/** The insert of an alert's webhook_events row, for an alert that reached the pipeline's transaction. */
function insertWebhookEventSql(p: SqlParams, e: WebhookEventEntry): string {
  const { input } = e;
  const a = input.caller.account;
  return `insert into public.webhook_events
       (user_id, account_id, broker, payload, signature_valid, outcome, status_code, code, rule, reason, order_id, ip, latency_ms, correlation_id)
     values (${p(a.user_id)}::uuid, ${p(a.account_id)}::uuid, ${p(a.broker)}, ${p(JSON.stringify(input.payload ?? null))}::jsonb, ${p(input.caller.signatureValid)}::boolean,
       ${p(e.outcome)}, ${p(e.error ? e.error.status : (e.statusCode ?? 200))}::int, ${p(e.error?.code ?? null)}, ${p(e.error?.extras.rule ?? null)}, ${p(e.error?.detail ?? e.note ?? null)},
       ${p(e.orderId)}::uuid, ${p(input.ip)}, ${p(Math.round((performance.now() - input.startedAt) * 1000) / 1000)}, ${p(input.correlationId)})`;
}

/** Writes the webhook_events row of an alert that reached the pipeline's transaction. */
export async function insertWebhookEvent(tx: Queryable, e: WebhookEventEntry): Promise<void> {
  const p = sqlParams();
  await tx.query(insertWebhookEventSql(p, e), p.values);
}

/** The same write as the CTE `we` of a larger statement (the hot path counts round trips); it returns the event's id. */
export function webhookEventCte(p: SqlParams, e: WebhookEventEntry): string {
  return `we as (${insertWebhookEventSql(p, e)} returning id)`;
}
