import type { Db, Queryable } from "./types";
import { getDb } from "./connection";

/**
 * The one place with service (RLS-bypassing) database access. Only for work that must
 * cross users: login by email, API-key lookup, Stripe customer → user, background jobs
 * (reconciler, price ticks, retention). Feature code on behalf of a user uses asUser.
 */
export async function serviceDb(): Promise<Db> {
  return getDb();
}

/** Runs fn in one service transaction. */
export async function asService<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(fn);
}
