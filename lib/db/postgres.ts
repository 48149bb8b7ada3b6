import type { Db, Queryable } from "./types";
import pg from "pg";
import { paramLiteral, statementName } from "./sql-text";

// numeric and bigint come back as JS numbers, the same as on PGlite (prices and counts fit a double).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));


/** The statements prepared on each pooled connection (a session keeps its prepared statements). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/** Values that have a literal text form (everything we bind except raw bytes). */
const literalSafe = (v: unknown) => !(v instanceof Uint8Array);

/**
 * Opens a pooled connection to any Postgres 15+ (plain or Supabase). Parameterised
 * statements are prepared (named) unless `prepared` is false — turn it off behind a
 * transaction-mode pooler (PgBouncer, Supabase's port 6543), which cannot keep them.
 */
export async function openPostgres(url: string, max = 10, prepared = true): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  async function query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    const res = prepared && params?.length ? await pool.query({ name: statementName(sql), text: sql, values: params }) : await pool.query(sql, params);
    return res.rows as T[];
  }
  const root: Queryable = {
    query,
    queryLast: query,
    async exec(sql: string) {
      await pool.query(sql);
    },
  };
  return {
    kind: "postgres",
    pool,
    query: root.query,
    queryLast: root.query,
    async transaction(fn, opts) {
      const client = await pool.connect();
      const known = preparedOn.get(client) ?? new Set<string>();
      preparedOn.set(client, known);
      // BEGIN and the prelude wait for the first statement, to go in its round trip.
      let opening: string | null = opts?.prelude ? `begin; ${opts.prelude}` : "begin";
      const open = async () => {
        if (opening === null) return;
        const text = opening;
        opening = null;
        await client.query(text);
      };
      let committed = false;
      const tx: Queryable = {
        async query<T>(sql: string, params?: unknown[]) {
          if (committed) throw new Error("This transaction has ended: nothing may be sent after its last statement.");
          if (!prepared || !params?.length) {
            await open();
            return (await client.query(sql, params)).rows as T[];
          }
          const name = statementName(sql);
          if (opening !== null && known.has(name) && params.every(literalSafe)) {
            // One round trip: BEGIN, the prelude (which may take a lock) and the first
            // statement, run with EXECUTE — so it sees everything committed before the lock.
            const text = `${opening}; execute ${name}(${params.map(paramLiteral).join(", ")})`;
            opening = null;
            const results = (await client.query(text)) as unknown as pg.QueryResult[];
            return results[results.length - 1].rows as T[];
          }
          await open();
          const res = await client.query({ name, text: sql, values: params });
          known.add(name);
          return res.rows as T[];
        },
        async exec(sql: string) {
          await open();
          await client.query(sql);
        },
        async queryLast<T>(sql: string, params?: unknown[]) {
          const name = statementName(sql);
          if (committed || !prepared || !params?.length || !known.has(name) || !params.every(literalSafe)) return tx.query<T>(sql, params);
          // One round trip: (BEGIN and the prelude if nothing was sent yet,) the statement, COMMIT.
          const text = `${opening !== null ? `${opening}; ` : ""}execute ${name}(${params.map(paramLiteral).join(", ")}); commit`;
          opening = null;
          const results = (await client.query(text)) as unknown as pg.QueryResult[];
          committed = true;
          return results[results.length - 2].rows as T[];
        },
      };
      try {
        const out = await fn(tx);
        // Nothing was sent, or the last statement took COMMIT along: nothing to commit.
        if (opening === null && !committed) await client.query("commit");
        return out;
      } catch (err) {
        if (opening === null) await client.query("rollback").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    exec: root.exec,
    close: () => pool.end(),
  };
}
