import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPostgres } from "../../lib/db/postgres";
import { migrate } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
    runId: string;
  }
}

/**
 * With DATABASE_URL set, creates a fresh template database for this run (migrations
 * applied once); each test file clones it, so no test sees state another left behind.
 * Everything created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  project.provide("runId", runId);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("pgTemplate", null);
    return;
  }
  // The given database gets the migrations too (twice: they must be idempotent), so CI's
  // fresh database proves the schema applies to an empty Postgres.
  const given = await openPostgres(serverUrl, 1);
  await migrate(given);
  await migrate(given);
  await given.close();
  const template = `unify_test_${runId}_tpl`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const url = withDatabase(serverUrl, template);
  const db = await openPostgres(url, 2);
  await migrate(db);
  await db.close();
  project.provide("pgTemplate", url);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`unify_test_${runId}_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
