import type { Db, Queryable } from "./types";
import { executeStatement, statementName } from "./sql-text";
import { openPgliteThread, type PgliteLike, type PgliteThread } from "./pglite-thread";
import { log } from "@/lib/log/logger";

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
export async function openPglite(dataDir?: string, openThread: (dataDir?: string) => Promise<PgliteThread> = openPgliteThread): Promise<Db> {
  let pg = await openThread(dataDir);
  const prepared = new Set<string>();
  const preparing = new Set<string>();
  let reopening: Promise<PgliteThread> | null = null;

  /**
   * The database's thread. One that stopped (a WASM abort, out of memory) is replaced by a
   * fresh one on the same data directory, where Postgres recovers everything committed;
   * what was in flight on the old one has already failed (and rolled back). An in-memory
   * database died with its thread and stays broken.
   */
  async function live(): Promise<PgliteThread> {
    if (!pg.broken || dataDir === undefined) return pg;
    reopening ??= (async () => {
      log.error("the embedded database thread stopped; reopening the database", { error: pg.broken!.message });
      await pg.stop();
      const fresh = await openThread(dataDir);
      // Prepared statements belonged to the old thread's session.
      prepared.clear();
      pg = fresh;
      return fresh;
    })().finally(() => (reopening = null));
    return reopening;
  }
  /** The current thread, for statements outside a transaction. */
  const current: PgliteLike = {
    query: async (sql, params, opts) => (await live()).query(sql, params, opts),
    exec: async (sql, opts) => (await live()).exec(sql, opts),
  };

  /**
   * The statement's name once it is prepared, or null to run it unprepared this time. A
   * caller never waits for another's PREPARE: that one may be queued behind the very
   * transaction this caller is in. Prepared statements outlive a rolled-back transaction.
   */
  async function preparedName(q: Pick<PgliteLike, "exec">, sql: string, name: string): Promise<string | null> {
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

  /**
   * A Queryable over PGlite or one of its transactions. A prepared statement's EXECUTE goes
   * through the simple protocol (one message, where the extended protocol takes five), and
   * `opening` (a transaction's prelude) travels in front of the first statement sent; a
   * transaction's queryLast commits it in the same message.
   */
  const wrap = (q: PgliteLike, inTransaction: boolean, opening: string | null = null): Queryable => {
    let pending = opening;
    /** The statement text with the opening in front, the first time. */
    const withOpening = (text: string) => {
      const all = pending === null ? text : `${pending}; ${text}`;
      pending = null;
      return all;
    };
    const sendOpening = async () => {
      if (pending === null) return;
      const text = pending;
      pending = null;
      await q.exec(text);
    };
    let ended = false;
    const checkOpen = (last: boolean) => {
      if (ended) throw new Error("This transaction has ended: nothing may be sent after its last statement.");
      ended = last && inTransaction;
    };
    /** last: the transaction's last statement, which commits it (nothing may follow). */
    async function query<T>(sql: string, params: unknown[] | undefined, last: boolean): Promise<T[]> {
      checkOpen(last);
      if (params?.length) {
        const name = statementName(sql);
        // A first use is prepared after the opening, as the transaction's role.
        if (!prepared.has(name)) await sendOpening();
        if (await preparedName(q, sql, name)) {
          const results = await q.exec(withOpening(executeStatement(name, params)), { last });
          return results[results.length - 1].rows as T[];
        }
      }
      await sendOpening();
      return (await q.query<T>(sql, params as unknown[], { last })).rows;
    }
    return {
      query: (sql, params) => query(sql, params, false),
      queryLast: (sql, params) => query(sql, params, true),
      async exec(sql: string) {
        checkOpen(false);
        await q.exec(withOpening(sql));
      },
    };
  };
  const root = wrap(current, false);
  return {
    kind: "pglite",
    query: root.query,
    queryLast: root.query,
    exec: root.exec,
    transaction: async (fn, opts) => (await live()).transaction((tx) => fn(wrap(tx, true, opts?.prelude ?? null))),
    async close() {
      await reopening?.catch(() => undefined);
      await pg.close();
    },
  };
}
