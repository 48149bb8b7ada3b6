import type { PoolClient } from "pg";
import { getDb } from "./connection";

type LeaderState = { client: PoolClient | null; held: Set<number>; checkedAt: number };
const store = globalThis as unknown as { __unifyLeader?: LeaderState };

/** How often a leader proves its lock session is still alive, and how long it waits for it. */
const RECHECK_MS = 10_000;
const CHECK_TIMEOUT_MS = 2_000;

/**
 * True while this process is the one replica that runs a singleton job (the paper
 * engine, the reconciler): a session-level advisory lock on a connection of its own.
 * PGlite is one process, so it always leads. A lost connection releases the lock and
 * another replica takes over at its next try; so a leader checks its session every 10 s
 * and steps down when it does not answer (a connection that died without an error would
 * otherwise leave two leaders).
 */
export async function holdsLeadership(lockId: number): Promise<boolean> {
  const db = await getDb();
  if (!db.pool) return true;
  store.__unifyLeader ??= { client: null, held: new Set(), checkedAt: 0 };
  const s = store.__unifyLeader;
  try {
    if (s.held.has(lockId) && s.client) {
      if (Date.now() - s.checkedAt < RECHECK_MS) return true;
      await withTimeout(s.client.query("select 1"), CHECK_TIMEOUT_MS);
      s.checkedAt = Date.now();
      return true;
    }
    if (!s.client) {
      s.client = await db.pool.connect();
      s.client.on("error", () => stepDown(s, false));
      s.checkedAt = Date.now();
    }
    const [row] = (await s.client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [lockId])).rows;
    if (row.ok) s.held.add(lockId);
    return row.ok;
  } catch {
    stepDown(s, true);
    return false;
  }
}

/** Forgets the lock session (destroyed, so its locks are released if it is still alive). */
function stepDown(s: LeaderState, destroy: boolean) {
  if (destroy) s.client?.release(true);
  s.client = null;
  s.held.clear();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const LEADER_LOCKS = { paperEngine: 4242101, reconciler: 4242102, retention: 4242103, brokerSync: 4242104, eaBridge: 4242105 } as const;

/** Gives up every singleton job's lock and its session (shutdown, tests): another replica may lead. */
export function releaseLeadership() {
  if (store.__unifyLeader) stepDown(store.__unifyLeader, true);
}
