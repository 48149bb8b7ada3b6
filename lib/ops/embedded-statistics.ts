import { getDb } from "@/lib/db/connection";

/**
 * Our tables that at least doubled in size (and by 8 pages or more) since the planner last
 * measured them: the growth that turns a plan's choices around. A table never measured
 * counts from 0, so it is first analyzed at 8 pages: below that the planner's own
 * assumptions serve. Doubling keeps the ANALYZEs few (each one reads a sample of the table).
 */
const GROWN_TABLES_SQL = `
  select format('%I.%I', n.nspname, c.relname) as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(2 * c.relpages, c.relpages + 8)
  order by 1`;

/**
 * PGlite has no autovacuum, so nothing refreshes the planner's statistics, and a plan made
 * while a table was nearly empty (a sequential scan of one page) would stay cached while the
 * table grows — every idempotency key or signature lookup would then read the whole table.
 * ANALYZE of the tables that grew re-measures them and re-makes the cached plans that read
 * them. Returns the tables analyzed; null on Postgres, where autovacuum does this.
 */
export async function refreshEmbeddedStatistics(): Promise<string[] | null> {
  const db = await getDb();
  if (db.kind !== "pglite") return null;
  const grown = (await db.query<{ name: string }>(GROWN_TABLES_SQL)).map((r) => r.name);
  if (grown.length) await db.exec(`analyze ${grown.join(", ")}`);
  return grown;
}
