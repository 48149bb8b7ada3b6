import type { PoolClient } from "pg";
import { getDb } from "./connection";

const store = globalThis as unknown as { __unifyLeader?: { client: PoolClient | null; held: Set<number> } };

/**
 * True while this process is the one replica that runs a singleton job (the paper
 * engine, the reconciler): a session-level advisory lock on a connection of its own.
 * PGlite is one process, so it always leads. A lost connection releases the lock and
 * another replica takes over at its next try.
 */
export async function holdsLeadership(lockId: number): Promise<boolean> {
  const db = await getDb();
  if (!db.pool) return true;
  store.__unifyLeader ??= { client: null, held: new Set() };
  const s = store.__unifyLeader;
  if (s.held.has(lockId) && s.client) return true;
  try {
    if (!s.client) {
      s.client = await db.pool.connect();
      s.client.on("error", () => {
        s.client = null;
        s.held.clear();
      });
    }
    const [row] = (await s.client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [lockId])).rows;
    if (row.ok) s.held.add(lockId);
    return row.ok;
  } catch {
    s.client?.release(true);
    s.client = null;
    s.held.clear();
    return false;
  }
}

export const LEADER_LOCKS = { paperEngine: 4242101, reconciler: 4242102, retention: 4242103, brokerSync: 4242104, eaBridge: 4242105 } as const;
