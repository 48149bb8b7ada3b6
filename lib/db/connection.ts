import path from "node:path";
import fs from "node:fs";
import type { Db } from "./types";
import { config } from "@/lib/config/env";
import { migrate } from "./migrate";

const store = globalThis as unknown as { __unifyDb?: Promise<Db>; __unifyDbHooked?: boolean };

async function open(): Promise<Db> {
  const cfg = config();
  let db: Db;
  if (cfg.DATABASE_URL) {
    const { openPostgres } = await import("./postgres");
    db = await openPostgres(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE, cfg.DATABASE_PREPARED_STATEMENTS === "on");
  } else {
    const { openPglite } = await import("./pglite");
    const dir = path.join(cfg.dataDir, "pgdata");
    fs.mkdirSync(dir, { recursive: true });
    db = await openPglite(dir);
  }
  await migrate(db);
  return db;
}

function closeOnExit() {
  if (store.__unifyDbHooked) return;
  store.__unifyDbHooked = true;
  // A PGlite killed without close() runs crash recovery at the next start.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void closeDb().finally(() => process.exit(0));
    });
  }
}

/**
 * The process-wide database, opened lazily on first use (never at module load, so
 * `next build` does not create one) and migrated before it is handed out.
 */
export function getDb(): Promise<Db> {
  if (!store.__unifyDb) {
    store.__unifyDb = open();
    store.__unifyDb.catch(() => (store.__unifyDb = undefined));
    closeOnExit();
  }
  return store.__unifyDb;
}

/** Tests and tools: use this database instead of opening one from the configuration. */
export function setDb(db: Db) {
  store.__unifyDb = Promise.resolve(db);
}

export async function closeDb() {
  const pending = store.__unifyDb;
  store.__unifyDb = undefined;
  if (pending) await (await pending).close();
}
