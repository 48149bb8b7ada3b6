import type { Queryable } from "./types";
import { getDb } from "./connection";

export type Role = "user" | "viewer" | "admin";

/** The JWT claims Row-Level Security reads (auth.uid(), auth.jwt()->>'role'). */
export type Claims = { sub: string; role: Role; email: string };

/**
 * Runs fn in one transaction as the given user, exactly as Supabase's PostgREST does:
 * `role authenticated` plus `request.jwt.claims`, both local to the transaction, so every
 * statement inside is subject to RLS.
 */
export async function asUser<T>(claims: Claims, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: claims.sub, role: claims.role, email: claims.email }),
    ]);
    return fn(tx);
  });
}
