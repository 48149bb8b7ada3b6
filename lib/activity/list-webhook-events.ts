import type { z } from "zod";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { webhookEventsQuery } from "./schemas";

export type WebhookEventView = {
  id: number;
  account_id: string | null;
  broker: string | null;
  outcome: string;
  status_code: number;
  code: string | null;
  rule: string | null;
  reason: string | null;
  order_id: string | null;
  signature_valid: boolean | null;
  ip: string | null;
  latency_ms: number | null;
  correlation_id: string | null;
  payload: unknown;
  created_at: string;
};

/** Every alert that reached the caller's accounts, accepted or not, with the reason for each rejection. */
export async function listWebhookEvents(user: SessionUser, q: z.infer<typeof webhookEventsQuery>): Promise<{ events: WebhookEventView[]; next_cursor: string | null }> {
  const rows = await asUser(user.claims, (tx) =>
    tx.query<Omit<WebhookEventView, "created_at"> & { created_at: Date }>(
      `select id, account_id, broker, outcome, status_code, code, rule, reason, order_id, signature_valid, ip, latency_ms, correlation_id, payload, created_at
       from public.webhook_events
       where user_id = $1 and ($2::text is null or outcome = $2) and ($3::uuid is null or account_id = $3)
         and ($4::text is null or correlation_id = $4) and ($5::bigint is null or id < $5)
       order by id desc limit $6`,
      [user.id, q.outcome ?? null, q.account_id ?? null, q.correlation_id ?? null, q.cursor ?? null, q.limit + 1],
    ),
  );
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((r) => ({ ...r, created_at: r.created_at.toISOString() })),
    next_cursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}
