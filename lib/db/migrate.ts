import fs from "node:fs";
import path from "node:path";
import type { Db } from "./types";

const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");

/** The migration files in order of their numeric prefix. */
export function migrationFiles(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  // Read at run time from the deployment's supabase/ folder (the Dockerfile copies it), not traced into the bundle.
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), "utf8") }));
}

/**
 * Applies every migration not yet recorded in unify_migrations, each in its own
 * transaction. Safe to run concurrently from several processes (advisory lock) and
 * to run again (applied files are skipped).
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Serialises replicas starting at once; released at commit.
    await tx.query("select pg_advisory_xact_lock(4242001)");
    await tx.query(
      "create table if not exists public.unify_migrations (name text primary key, applied_at timestamptz not null default now())",
    );
    const done = new Set((await tx.query<{ name: string }>("select name from public.unify_migrations")).map((r) => r.name));
    for (const file of migrationFiles(dir)) {
      if (done.has(file.name)) continue;
      await tx.exec(file.sql);
      await tx.query("insert into public.unify_migrations (name) values ($1)", [file.name]);
      applied.push(file.name);
    }
  });
  return applied;
}
