import type { Queryable } from "@/lib/db/types";
import { sqlParams, type SqlParams } from "@/lib/db/sql-params";

export type StoredAnswer = { statusCode: number | null; body: Record<string, unknown> | null; orderId: string | null };

type Answer = { accountId: string; key: string; statusCode: number; body: Record<string, unknown> };

function storeAnswerSql(p: SqlParams, a: Answer): string {
  return `update public.idempotency_keys set status_code = ${p(a.statusCode)}::int, response = ${p(JSON.stringify(a.body))}::jsonb
     where account_id = ${p(a.accountId)}::uuid and key = ${p(a.key)} and response is null`;
}

/** Stores the answer given for a key, so a replay gets the same one. */
export async function storeAnswer(tx: Queryable, accountId: string, key: string, statusCode: number, body: Record<string, unknown>): Promise<void> {
  const p = sqlParams();
  await tx.query(storeAnswerSql(p, { accountId, key, statusCode, body }), p.values);
}

/** The same write as the CTE `ik` of a larger statement. */
export function storeAnswerCte(p: SqlParams, a: Answer): string {
  return `ik as (${storeAnswerSql(p, a)})`;
}

/**
 * What an earlier request with this key left (within the 24 h a key is kept), without
 * claiming it; null when the key is new. For answering a retry when this attempt cannot
 * get as far as the claim (the broker is down before the transaction).
 */
export async function findStoredAnswer(tx: Queryable, accountId: string, key: string, now: Date): Promise<StoredAnswer | null> {
  const [row] = await tx.query<{ status_code: number | null; response: Record<string, unknown> | null; order_id: string | null }>(
    "select status_code, response, order_id from public.idempotency_keys where account_id = $1 and key = $2 and created_at >= $3::timestamptz - interval '24 hours'",
    [accountId, key, now],
  );
  return row ? { statusCode: row.status_code, body: row.response, orderId: row.order_id } : null;
}
