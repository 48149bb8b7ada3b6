import type { Queryable } from "./types";
import { getDb } from "./connection";
import { literal } from "./sql-text";

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
  // Sent with BEGIN in one round trip (no parameters there, hence the quoted literals).
  const lock = opts.lockKey ? `, pg_advisory_xact_lock(hashtextextended(${literal(opts.lockKey)}, 0))` : "";
  const prelude = `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${literal(json)}, true)${lock}`;
  return db.transaction(fn, { prelude });
}

