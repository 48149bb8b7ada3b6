import type { Db, Queryable } from "./types";
import { PGlite, types } from "@electric-sql/pglite";

const parsers = {
  [types.NUMERIC]: (v: string) => Number(v),
  [types.INT8]: (v: string) => Number(v),
};

/** Opens embedded Postgres (PGlite). dataDir undefined → in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({ dataDir, parsers });
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const root = wrap(pg);
  return {
    kind: "pglite",
    query: root.query,
    exec: root.exec,
    transaction: (fn, opts) =>
      pg.transaction(async (tx) => {
        if (opts?.prelude) await tx.exec(opts.prelude);
        return fn(wrap(tx));
      }),
    close: () => pg.close(),
  };
}
