import { config, ConfigError } from "@/lib/config/env";
import { getDb } from "@/lib/db/connection";
import { seedDemo } from "@/lib/db/seed-demo";
import { log } from "@/lib/log/logger";
import { startBackgroundJobs } from "./background-jobs";
import { ensureBuffering } from "@/lib/realtime/event-buffer";

function banner(lines: string[]) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = "─".repeat(width);
  process.stdout.write(`\n┌${bar}┐\n${lines.map((l) => `│  ${l.padEnd(width - 2)}│`).join("\n")}\n└${bar}┘\n\n`);
}

/**
 * Server start-up (from instrumentation.ts, never at build time): validate the
 * configuration, open and migrate the database, seed the demo login on an empty
 * embedded database, start buffering events for stream resumes, start the background jobs.
 */
export async function startServer(): Promise<void> {
  let cfg;
  try {
    cfg = config();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`\nUnify cannot start.\n${err.message}\n\n`);
      process.exit(1);
    }
    throw err;
  }
  await getDb();
  const seedWanted = cfg.UNIFY_DEMO_SEED ? cfg.UNIFY_DEMO_SEED === "true" : cfg.embedded;
  if (seedWanted) {
    const demo = await seedDemo();
    if (demo?.password) {
      banner([
        `Unify is ready on ${cfg.embedded ? `the embedded database (${cfg.dataDir})` : "Postgres"}.`,
        `Demo login:  ${demo.email}  /  ${demo.password}`,
        ...(demo.apiKey ? [`Demo paper account API key (shown once): ${demo.apiKey}`] : []),
      ]);
    }
  }
  // Buffer this replica's events from the start: a browser that resumes (Last-Event-ID)
  // onto a replica where no stream has opened yet must still get what it missed.
  await ensureBuffering();
  await startBackgroundJobs();
  log.info("server started", { database: cfg.embedded ? "pglite" : "postgres", bus: cfg.NATS_URL ? "nats" : "memory" });
}
