import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Db } from "./types";
import { openPostgres } from "./postgres";
import { withDatabase } from "../../tests/support/global-setup";

// Needs a Postgres server: runs when DATABASE_URL is set (CI sets it).
describe.runIf(!!process.env.DATABASE_URL)("Postgres transactions", () => {
  let db: Db;
  let statements: string[] = [];
  beforeAll(async () => {
    const name = `unify_test_${inject("runId")}_driver`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    db = await openPostgres(withDatabase(process.env.DATABASE_URL!, name), 1);
    await db.exec("create table t (id int primary key, s text, j jsonb, ts timestamptz, b boolean, n numeric, a text[])");
    // Every message the one pooled connection sends, to count round trips.
    const client = await db.pool!.connect();
    const original = client.query.bind(client);
    (client as unknown as { query: unknown }).query = (q: unknown, ...rest: unknown[]) => {
      statements.push(typeof q === "string" ? q : (q as { text: string }).text);
      return (original as (...a: unknown[]) => unknown)(q, ...rest);
    };
    client.release();
  });
  afterAll(() => db?.close());

  const select = "select s, j, ts, b, n, a from t where id = $1 and s is distinct from $2";

  it("BEGIN, the prelude and the first statement share one round trip once the statement is prepared", async () => {
    const tricky = "it's a \\ back'slash\" — ünïcode";
    const when = new Date("2026-03-29T01:30:00.123Z");
    await db.query("insert into t values ($1, $2, $3, $4, $5, $6, $7)", [1, tricky, JSON.stringify({ q: "a'b" }), when, true, 0.000001, ["x", "y'z", null]]);
    const run = () => db.transaction((tx) => tx.query<Record<string, unknown>>(select, [1, "zzz"]), { prelude: "select set_config('application_name', 'unify-test', true)" });
    const first = await run();
    statements = [];
    const second = await run();
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^begin; select set_config.*; execute u_\w+\(/s);
    expect(statements[1]).toBe("commit");
    expect(second).toEqual(first);
    expect(second[0]).toEqual({ s: tricky, j: { q: "a'b" }, ts: when, b: true, n: 0.000001, a: ["x", "y'z", null] });
  });

  it("a failing statement rolls the whole transaction back", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(select, [1, "zzz"]);
        await tx.query("insert into t (id, s) values ($1, $2)", [2, "two"]);
        await tx.query("insert into t (id, s) values ($1, $2)", [2, "again"]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query("select * from t where id = $1", [2])).toEqual([]);
  });

  it("the last statement travels with COMMIT, and nothing may follow it", async () => {
    const insert = "insert into t (id, s) values ($1, $2) returning id";
    await db.transaction((tx) => tx.query(insert, [10, "prepare it"]));
    statements = [];
    const rows = await db.transaction(async (tx) => {
      await tx.query(select, [1, "zzz"]);
      const out = await tx.queryLast(insert, [11, "eleven"]);
      await expect(tx.query(select, [1, "zzz"])).rejects.toThrow(/ended/);
      return out;
    });
    expect(rows).toEqual([{ id: 11 }]);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/^execute u_\w+\(.*\); commit$/s);
    statements = [];
    await db.transaction((tx) => tx.queryLast(insert, [12, "alone"]));
    expect(statements).toEqual([expect.stringMatching(/^begin; execute u_\w+\(.*\); commit$/s)]);
    expect(await db.query("select count(*)::int as n from t where id in (11, 12)")).toEqual([{ n: 2 }]);
  });

  it("a last statement that fails leaves nothing behind", async () => {
    const insert = "insert into t (id, s) values ($1, $2) returning id";
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [20, "twenty"]);
        await tx.queryLast(insert, [20, "again"]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query("select * from t where id = $1", [20])).toEqual([]);
    // The connection is usable afterwards (the aborted transaction was rolled back).
    expect(await db.transaction((tx) => tx.query<{ s: string }>(select, [1, "zzz"]))).toHaveLength(1);
  });

  it("a transaction that sends nothing sends no BEGIN either", async () => {
    statements = [];
    expect(await db.transaction(async () => 42)).toBe(42);
    expect(statements).toEqual([]);
  });
});
