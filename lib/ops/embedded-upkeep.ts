import { getDb } from "@/lib/db/connection";

// PGlite has no autovacuum. These two jobs do its work for the embedded database: fresh
// planner statistics as tables grow, and the space of deleted rows made reusable. On
// Postgres, autovacuum does both, and they return null.

/** Our tables, by qualified name. */
const TABLES = `
  select format('%I.%I', n.nspname, c.relname) as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'`;

/**
 * Tables that at least doubled in size (and by 8 pages or more) since the planner last
 * measured them: the growth that turns a plan's choices around. A table never measured
 * counts from 0, so it is first analyzed at 8 pages: below that the planner's own
 * assumptions serve. Doubling keeps the ANALYZEs few (each one reads a sample of the table).
 */
const GROWN_TABLES = `${TABLES}
  and pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(2 * c.relpages, c.relpages + 8)`;

/**
 * ANALYZE of the tables that grew. A plan made while a table was nearly empty (a sequential
 * scan of one page) would otherwise stay cached while the table grows, and every idempotency
 * key or signature lookup would read the whole table; ANALYZE re-measures the table and
 * re-makes the cached plans that read it. Returns the tables analyzed.
 */
export async function refreshEmbeddedStatistics(): Promise<string[] | null> {
  const db = await getDb();
  if (db.kind !== "pglite") return null;
  const grown = (await db.query<{ name: string }>(`${GROWN_TABLES} order by 1`)).map((r) => r.name);
  if (grown.length) await db.exec(`analyze ${grown.join(", ")}`);
  return grown;
}

/**
 * VACUUM of every table. The rows retention deletes (signatures after 10 minutes,
 * idempotency keys after a day, logs and events after 90 days) and the old row versions
 * updates leave (marks, balances, day counters) are otherwise never reclaimed, and the
 * tables only grow. One table per statement, so the database thread serves alerts in
 * between; pages unchanged since the last VACUUM are skipped. Returns the tables vacuumed.
 */
export async function vacuumEmbedded(): Promise<string[] | null> {
  const db = await getDb();
  if (db.kind !== "pglite") return null;
  const tables = (await db.query<{ name: string }>(`${TABLES} order by 1`)).map((r) => r.name);
  for (const name of tables) await db.exec(`vacuum ${name}`);
  return tables;
}
