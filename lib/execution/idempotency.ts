import type { Queryable } from "@/lib/db/types";

const TTL_HOURS = 24;

export type StoredAnswer = { statusCode: number | null; body: Record<string, unknown> | null; orderId: string | null };

/**
 * Claims an idempotency key for this account (24 h). Returns null when the claim is new,
 * or what the first request answered (possibly not yet: then its order id) when it is not.
 */
export async function claimIdempotencyKey(tx: Queryable, accountId: string, userId: string, key: string, now: Date): Promise<StoredAnswer | null> {
  const claimed = await tx.query(
    `insert into public.idempotency_keys (account_id, key, user_id, created_at) values ($1, $2, $3, $4)
     on conflict (account_id, key) do update set created_at = excluded.created_at, response = null, status_code = null, order_id = null
       where idempotency_keys.created_at < $4::timestamptz - make_interval(hours => ${TTL_HOURS})
     returning 1`,
    [accountId, key, userId, now],
  );
  if (claimed.length) return null;
  const [row] = await tx.query<{ status_code: number | null; response: Record<string, unknown> | null; order_id: string | null }>(
    "select status_code, response, order_id from public.idempotency_keys where account_id = $1 and key = $2",
    [accountId, key],
  );
  return { statusCode: row.status_code, body: row.response, orderId: row.order_id };
}

/** Stores the answer given for a key, so a replay gets the same one. */
export async function storeAnswer(tx: Queryable, accountId: string, key: string, statusCode: number, body: Record<string, unknown>): Promise<void> {
  await tx.query("update public.idempotency_keys set status_code = $3, response = $4 where account_id = $1 and key = $2 and response is null", [
    accountId,
    key,
    statusCode,
    JSON.stringify(body),
  ]);
}
