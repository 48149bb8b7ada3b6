import type { Queryable } from "@/lib/db/types";
import type { AppError } from "@/lib/http/errors";
import type { AdmitInput } from "./admission-types";

/** Writes the webhook_events row of an alert that reached the pipeline's transaction. */
export async function insertWebhookEvent(
  tx: Queryable,
  e: { input: Pick<AdmitInput, "caller" | "payload" | "ip" | "startedAt" | "correlationId">; outcome: "accepted" | "rejected"; error: AppError | null; orderId: string | null },
): Promise<void> {
  const { input } = e;
  const a = input.caller.account;
  await tx.query(
    `insert into public.webhook_events
       (user_id, account_id, broker, payload, signature_valid, outcome, status_code, code, rule, reason, order_id, ip, latency_ms, correlation_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      a.user_id,
      a.account_id,
      a.broker,
      JSON.stringify(input.payload ?? null),
      input.caller.signatureValid,
      e.outcome,
      e.error ? e.error.status : 200,
      e.error?.code ?? null,
      e.error?.extras.rule ?? null,
      e.error?.detail ?? null,
      e.orderId,
      input.ip,
      Math.round((performance.now() - input.startedAt) * 1000) / 1000,
      input.correlationId,
    ],
  );
}
