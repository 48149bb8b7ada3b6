import { getDb } from "@/lib/db/connection";

/**
 * PGlite has no autovacuum, so nothing refreshes the planner's statistics. ANALYZE does,
 * and it also re-makes the cached plans of prepared statements for the data as it is now
 * (a plan made while a table was nearly empty would otherwise stay). On Postgres,
 * autovacuum does this; returns false there.
 */
export async function refreshEmbeddedStatistics(): Promise<boolean> {
  const db = await getDb();
  if (db.kind !== "pglite") return false;
  await db.exec("analyze");
  return true;
}
