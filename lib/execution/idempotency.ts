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
