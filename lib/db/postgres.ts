import type { Db, Queryable } from "./types";
import pg from "pg";
import { statementName } from "./sql-text";

// numeric and bigint come back as JS numbers, the same as on PGlite (prices and counts fit a double).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));


/**
 * Opens a pooled connection to any Postgres 15+ (plain or Supabase). Parameterised
 * statements are prepared (named) unless `prepared` is false — turn it off behind a
 * transaction-mode pooler (PgBouncer, Supabase's port 6543), which cannot keep them.
 */
export async function openPostgres(url: string, max = 10, prepared = true): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = prepared && params?.length ? await c.query({ name: statementName(sql), text: sql, values: params }) : await c.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const root = wrap(pool);
  return {
    kind: "postgres",
    pool,
    query: root.query,
    async transaction(fn, opts) {
      const client = await pool.connect();
      try {
        // One round trip for BEGIN and the prelude (simple protocol allows several statements).
        await client.query(opts?.prelude ? `begin; ${opts.prelude}` : "begin");
        const out = await fn(wrap(client));
        await client.query("commit");
        return out;
      } catch (err) {
        await client.query("rollback").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    exec: root.exec,
    close: () => pool.end(),
  };
}
