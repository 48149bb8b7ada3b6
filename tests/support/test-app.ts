import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { Db } from "../../lib/db/types";
import { openPglite } from "../../lib/db/pglite";
import { openPostgres } from "../../lib/db/postgres";
import { migrate } from "../../lib/db/migrate";
import { setDb } from "../../lib/db/connection";
import { resetConfig } from "../../lib/config/env";
import { setBus, type Bus } from "../../lib/events";
import { createMemoryBus } from "../../lib/events/memory-bus";
import { startRouteServer } from "./route-server";
import { withDatabase } from "./global-setup";

export type TestApp = {
  url: string;
  db: Db;
  bus: Bus;
  dbKind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** Stops the server and bus but keeps the database open, for restart tests. */
  crash: () => Promise<void>;
};

let fileCounter = 0;

/** A database of our own: in-memory PGlite, or a clone of this run's migrated Postgres template. */
async function openTestDb(): Promise<{ db: Db; url?: string }> {
  const template = inject("pgTemplate");
  if (!template) {
    const db = await openPglite();
    await migrate(db);
    return { db };
  }
  const name = `unify_test_${inject("runId")}_${process.pid}_${++fileCounter}`;
  const admin = new pg.Client({ connectionString: template });
  await admin.connect();
  const tpl = new URL(template).pathname.slice(1);
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${tpl}`);
      break;
    } catch (err) {
      // Two workers cloning the template at the same instant: wait and retry.
      if (attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(template, name);
  return { db: await openPostgres(url, 10), url };
}

/**
 * Starts the app's real route handlers over HTTP on a database and bus of this test
 * file's own, with fresh secrets. NATS is used when NATS_URL is set (own subject prefix).
 */
export async function startTestApp(opts: { db?: Db } = {}): Promise<TestApp> {
  // Process-wide singletons (database, bus, caches, limiters, adapters) live on globalThis
  // under __unify*; a test file starts from none of them.
  for (const key of Object.keys(globalThis)) if (key.startsWith("__unify")) delete (globalThis as Record<string, unknown>)[key];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-test-"));
  // A given database simulates a restart: new process state, same data.
  const { db, url: dbUrl } = opts.db ? { db: opts.db, url: process.env.DATABASE_URL } : await openTestDb();
  Object.assign(process.env, {
    UNIFY_DATA_DIR: dataDir,
    // A restart keeps its keys, as a real deployment does.
    UNIFY_ENCRYPTION_KEY: opts.db ? process.env.UNIFY_ENCRYPTION_KEY : crypto.randomBytes(32).toString("base64"),
    UNIFY_JWT_SECRET: opts.db ? process.env.UNIFY_JWT_SECRET : crypto.randomBytes(48).toString("base64url"),
    UNIFY_LOG_LEVEL: process.env.UNIFY_LOG_LEVEL ?? "error",
    UNIFY_PUBLIC_URL: "http://localhost:3000",
  });
  if (dbUrl) process.env.DATABASE_URL = dbUrl;
  else delete process.env.DATABASE_URL;
  resetConfig();
  setDb(db);
  let bus: Bus;
  if (process.env.NATS_URL) {
    const { createNatsBus } = await import("../../lib/events/nats-bus");
    bus = await createNatsBus(process.env.NATS_URL, `t_${crypto.randomBytes(6).toString("hex")}`);
  } else {
    bus = createMemoryBus();
  }
  setBus(bus);
  const server = await startRouteServer();
  return {
    url: server.url,
    db,
    bus,
    dbKind: db.kind,
    close: async () => {
      await server.close();
      await bus.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    crash: async () => {
      // What dies with the process: the HTTP server, in-flight work, in-memory state. The database stays.
      await server.close();
      await bus.close();
    },
  };
}
