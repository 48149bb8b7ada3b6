import type { Db, Queryable } from "./types";
import { PGlite, types } from "@electric-sql/pglite";
import { executeStatement, statementName } from "./sql-text";

const parsers = {
  [types.NUMERIC]: (v: string) => Number(v),
  [types.INT8]: (v: string) => Number(v),
};

/** Statements prepared at most; beyond that, new texts run unprepared (planned per call). */
const MAX_PREPARED = 512;

/**
 * Opens embedded Postgres (PGlite). dataDir undefined → in memory.
 *
 * Parameterised statements are prepared once (SQL PREPARE) and then run with EXECUTE, so
 * Postgres plans them once instead of on every call — planning the hot path's statements
 * costs more than running them in WASM. EXECUTE is a utility statement and takes no bind
 * parameters; the values go in as untyped literals, the same text a driver would bind,
 * which Postgres reads with each parameter's own type.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({ dataDir, parsers });
  const prepared = new Set<string>();
  const preparing = new Set<string>();

  /**
   * The statement's name once it is prepared, or null to run it unprepared this time. A
   * caller never waits for another's PREPARE: that one may be queued behind the very
   * transaction this caller is in. Prepared statements outlive a rolled-back transaction.
   */
  async function preparedName(q: Pick<PGlite, "exec">, sql: string): Promise<string | null> {
    const name = statementName(sql);
    if (prepared.has(name)) return name;
    if (preparing.has(name) || prepared.size + preparing.size >= MAX_PREPARED) return null;
    preparing.add(name);
    try {
      await q.exec(`prepare ${name} as ${sql}`);
      prepared.add(name);
      return name;
    } finally {
      preparing.delete(name);
    }
  }

  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => {
    async function query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const name = params?.length ? await preparedName(q, sql) : null;
      if (!name) return (await q.query<T>(sql, params as unknown[])).rows;
      return (await q.query<T>(executeStatement(name, params!))).rows;
    }
    return {
      query,
      // PGlite commits in-process: nothing to save.
      queryLast: query,
      async exec(sql: string) {
        await q.exec(sql);
      },
    };
  };
  const root = wrap(pg);
  return {
    kind: "pglite",
    query: root.query,
    queryLast: root.query,
    exec: root.exec,
    transaction: (fn, opts) =>
      pg.transaction(async (tx) => {
        if (opts?.prelude) await tx.exec(opts.prelude);
        return fn(wrap(tx));
      }),
    close: () => pg.close(),
  };
}
