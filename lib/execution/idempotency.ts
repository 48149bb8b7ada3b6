import type { Queryable } from "@/lib/db/types";

export type StoredAnswer = { statusCode: number | null; body: Record<string, unknown> | null; orderId: string | null };

/** Stores the answer given for a key, so a replay gets the same one. */
export async function storeAnswer(tx: Queryable, accountId: string, key: string, statusCode: number, body: Record<string, unknown>): Promise<void> {
  await tx.query("update public.idempotency_keys set status_code = $3, response = $4 where account_id = $1 and key = $2 and response is null", [
    accountId,
    key,
    statusCode,
    JSON.stringify(body),
  ]);
}
