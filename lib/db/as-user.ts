import type { Queryable } from "./types";
import { getDb } from "./connection";

export type Role = "user" | "viewer" | "admin";

/** The JWT claims Row-Level Security reads (auth.uid(), auth.jwt()->>'role'). */
export type Claims = { sub: string; role: Role; email: string };

/**
 * Runs fn in one transaction as the given user, exactly as Supabase's PostgREST does:
 * `role authenticated` plus `request.jwt.claims`, both local to the transaction, so every
 * statement inside is subject to RLS. `lockKey` also takes the transaction-scoped
 * advisory lock of that key (a broker account id: serialises its orders).
 */
export async function asUser<T>(claims: Claims, fn: (tx: Queryable) => Promise<T>, opts: { lockKey?: string } = {}): Promise<T> {
  const db = await getDb();
  const json = JSON.stringify({ sub: claims.sub, role: claims.role, email: claims.email });
  return db.transaction(async (tx) => {
    if (opts.lockKey) {
      // One round trip for role, claims and the advisory lock the hot path needs anyway.
      await tx.query(
        "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true), pg_advisory_xact_lock(hashtextextended($2, 0))",
        [json, opts.lockKey],
      );
    } else {
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [json]);
    }
    return fn(tx);
  });
}
