import { getDb } from "@/lib/db/connection";

/**
 * PGlite has no autovacuum. The rows retention deletes (signatures after 10 minutes,
 * idempotency keys after a day, logs and events after 90 days) and the old row versions
 * updates leave (marks, balances, day counters) would never be reclaimed: the tables would
 * only grow. VACUUM makes that space reusable, one table per statement so the database
 * thread serves alerts in between; pages unchanged since the last VACUUM are skipped.
 * Returns the tables vacuumed; null on Postgres, where autovacuum does this.
 */
export async function vacuumEmbedded(): Promise<string[] | null> {
  const db = await getDb();
  if (db.kind !== "pglite") return null;
  const tables = await db.query<{ name: string }>(
    "select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1",
  );
  for (const { name } of tables) await db.exec(`vacuum ${name}`);
  return tables.map((t) => t.name);
}
