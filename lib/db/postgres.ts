import type { Db, Queryable } from "./types";
import pg from "pg";
import { executeStatement, statementName } from "./sql-text";

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
      let committed = false;
      /**
       * Sends one statement, with the opening in front when nothing was sent yet and COMMIT
       * behind when it is the last. Once the statement is prepared on this connection, all
       * of it is one round trip (simple protocol, EXECUTE with literal values); the prelude
       * may take a lock, and the statement still sees everything committed before it.
       */
      async function send<T>(sql: string, params: unknown[] | undefined, last: boolean): Promise<T[]> {
        if (committed) throw new Error("This transaction has ended: nothing may be sent after its last statement.");
        const name = prepared && params?.length ? statementName(sql) : null;
        if (name && known.has(name) && params!.every(literalSafe)) {
          const statement = executeStatement(name, params!);
          const text = [opening, statement, last ? "commit" : null].filter((part) => part !== null).join("; ");
          opening = null;
          const results = [(await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[]].flat();
          committed = last;
          // The statement's result is the last one, or the one before COMMIT's.
          return results[results.length - (last ? 2 : 1)].rows as T[];
        }
        if (opening !== null) {
          await client.query(opening);
          opening = null;
        }
        const res = name ? await client.query({ name, text: sql, values: params }) : await client.query(sql, params);
        if (name) known.add(name);
        if (last) {
          await client.query("commit");
          committed = true;
        }
        return res.rows as T[];
      }
      const tx: Queryable = {
        query: (sql, params) => send(sql, params, false),
        queryLast: (sql, params) => send(sql, params, true),
        async exec(sql: string) {
          await send(sql, undefined, false);
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
