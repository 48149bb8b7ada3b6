import type { Pool } from "pg";

/** A row as returned by the driver, after our type parsers (numeric → number, int8 → number). */
export type Row = Record<string, unknown>;

/** Anything that can run one parameterised statement ($1, $2 …). */
export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A transaction's last statement: on Postgres it travels with COMMIT, one round trip
   * fewer while the transaction holds its locks; nothing may be sent after it. Anywhere
   * else it is query.
   */
  queryLast<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database: PGlite in-process or a Postgres pool. The same SQL runs on both. */
export interface Db extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** The pg pool behind a Postgres database (rate limiters share it); absent on PGlite. */
  readonly pool?: Pool;
  /**
   * Runs fn in one transaction; rolls back when it throws. `prelude` is parameter-free SQL
   * run at the start, in the same round trip as BEGIN where the driver allows it.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: { prelude?: string }): Promise<T>;
  close(): Promise<void>;
}
