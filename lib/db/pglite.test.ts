import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "./types";
import { openPglite } from "./pglite";
import { openPgliteThread, type PgliteThread } from "./pglite-thread";

let db: Db;
beforeAll(async () => {
  db = await openPglite();
  await db.exec("create table t (id int primary key, s text, j jsonb, ts timestamptz, b boolean, n numeric, a text[], d date)");
});
afterAll(() => db.close());

describe("PGlite prepared statements", () => {
  it("values reach the statement exactly as bound parameters would", async () => {
    const tricky = "it's a \\ back'slash\" — ünïcode; drop table t; --";
    const when = new Date("2026-03-29T01:30:00.123Z");
    const json = JSON.stringify({ q: "a'b", n: 1.5, nested: [1, null] });
    await db.query("insert into t (id, s, j, ts, b, n, a, d) values ($1, $2, $3, $4, $5, $6, $7, $8)", [
      1, tricky, json, when, true, 0.000001, ["x", "y'z", 'q"r', null], "2026-03-29",
    ]);
    const [row] = await db.query<Record<string, unknown>>("select * from t where id = $1", [1]);
    expect(row.s).toBe(tricky);
    expect(row.j).toEqual(JSON.parse(json));
    expect((row.ts as Date).toISOString()).toBe(when.toISOString());
    expect(row.b).toBe(true);
    expect(row.n).toBe(0.000001);
    expect(row.a).toEqual(["x", "y'z", 'q"r', null]);
    expect(row.d).toEqual(new Date("2026-03-29T00:00:00.000Z"));
  });

  it("nulls, and the same statement run again with other values", async () => {
    await db.query("insert into t (id, s) values ($1, $2)", [2, null]);
    await db.query("insert into t (id, s) values ($1, $2)", [3, "three"]);
    const rows = await db.query<{ id: number; s: string | null }>("select id, s from t where id = any($1) order by id", [[2, 3]]);
    expect(rows).toEqual([{ id: 2, s: null }, { id: 3, s: "three" }]);
  });

  it("a statement prepared inside a transaction that rolls back still works afterwards", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("select s from t where id = $1 and s is distinct from $2", [3, "x"]);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const rows = await db.query<{ s: string }>("select s from t where id = $1 and s is distinct from $2", [3, "x"]);
    expect(rows).toEqual([{ s: "three" }]);
  });

  it("a statement that fails to prepare reports the error and is not remembered", async () => {
    await expect(db.query("select nope from t where id = $1", [1])).rejects.toThrow(/nope/);
    await expect(db.query("select nope from t where id = $1", [1])).rejects.toThrow(/nope/);
  });
});

describe("PGlite prepared statements under concurrency", () => {
  it("many callers at once, inside and outside transactions, prepare a statement once and all succeed", async () => {
    const sql = "select s from t where id = $1 and $2::int > 0";
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? db.query<{ s: string }>(sql, [3, i + 1]) : db.transaction((tx) => tx.query<{ s: string }>(sql, [3, i + 1])),
      ),
    );
    expect(results.every((r) => r[0]?.s === "three")).toBe(true);
  });
});

describe("PGlite transaction prelude", () => {
  const prelude = "select set_config('unify.test', 'on', true)";
  const read = "select current_setting('unify.test', true) as v, $1::int as n";

  it("travels with the first statement, prepared or not, and holds for the whole transaction", async () => {
    await db.query(read, [0]); // prepared before the transactions below
    for (const first of ["prepared", "first use", "no parameters", "exec"] as const) {
      // A text not seen before is prepared inside this transaction (after the prelude).
      const sql = first === "first use" ? `${read} /* first use */` : read;
      const seen = await db.transaction(async (tx) => {
        if (first === "no parameters") return [(await tx.query<{ v: string }>("select current_setting('unify.test', true) as v"))[0].v];
        if (first === "exec") await tx.exec("update t set s = s where false");
        const a = await tx.query<{ v: string; n: number }>(sql, [1]);
        const b = await tx.query<{ v: string; n: number }>(sql, [2]);
        return [a[0].v, b[0].v];
      }, { prelude });
      expect({ first, seen }).toEqual({ first, seen: first === "no parameters" ? ["on"] : ["on", "on"] });
    }
    // Local to its transaction: the next one without a prelude does not see it.
    const after = await db.transaction((tx) => tx.query<{ v: string | null }>(read, [3]));
    expect(after[0].v === null || after[0].v === "").toBe(true);
  });

  it("a failing first statement fails the transaction with its own error, and nothing of it stays", async () => {
    await expect(
      db.transaction((tx) => tx.query("insert into t (id, s) values ($1, $2), ($1, $2)", [40, "dup"]), { prelude }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query("select 1 from t where id = $1", [40])).toEqual([]);
  });
});

describe("PGlite on its worker thread", () => {
  it("the server's thread keeps running while the database works", async () => {
    let done = false;
    const heavy = db.query<{ n: number }>("select count(*)::int as n from generate_series(1, $1::int) g where g % 7 = 0", [2_000_000]).finally(() => (done = true));
    let turns = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(await heavy).toEqual([{ n: 285_714 }]);
    // In-process WASM would have held the event loop for the whole statement (0 turns).
    expect(turns).toBeGreaterThan(20);
  });

  it("a database error arrives with Postgres's fields", async () => {
    await db.query("insert into t (id, s) values ($1, $2)", [50, "x"]);
    await expect(db.query("insert into t (id, s) values ($1, $2)", [50, "y"])).rejects.toMatchObject({ code: "23505", constraint: "t_pkey", table: "t" });
  });

  it("a COMMIT that fails reaches the caller; nothing of the transaction stays and the database goes on", async () => {
    await db.exec("create table once (k int, constraint once_k unique (k) deferrable initially deferred)");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into once (k) values ($1)", [1]);
        await tx.query("insert into once (k) values ($1)", [1]);
        return "committed?";
      }),
    ).rejects.toMatchObject({ code: "23505", constraint: "once_k" });
    expect(await db.query("select k from once where k = $1", [1])).toEqual([]);
    expect(await db.transaction((tx) => tx.query<{ n: number }>("select count(*)::int as n from once where k >= $1", [0]))).toEqual([{ n: 0 }]);
  });

  it("statements of concurrent transactions never interleave", async () => {
    await db.exec("create table seq (tx int, step int)");
    await Promise.all(
      [1, 2, 3].map((tx) =>
        db.transaction(async (q) => {
          for (let step = 0; step < 3; step++) {
            await q.query("insert into seq (tx, step) values ($1, $2)", [tx, step]);
            await new Promise((r) => setTimeout(r, 1));
          }
        }),
      ),
    );
    const rows = await db.query<{ tx: number }>("select tx from seq where tx > $1 order by ctid", [0]);
    const runs = rows.map((r) => r.tx).join("");
    expect(runs).toMatch(/^(111|222|333){3}$/);
  });
});

describe("PGlite transaction's last statement", () => {
  const insert = "insert into t (id, s) values ($1, $2) returning id";

  it("commits with the statement in one message, and nothing may follow it", async () => {
    await db.transaction((tx) => tx.query(insert, [60, "prepare it"]));
    const posted = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const rows = await db.transaction(async (tx) => {
        const out = await tx.queryLast(insert, [61, "sixty-one"]);
        await expect(tx.query(insert, [62, "too late"])).rejects.toThrow(/ended/);
        await expect(tx.exec("select 1")).rejects.toThrow(/ended/);
        return out;
      });
      expect(rows).toEqual([{ id: 61 }]);
      const ops = posted.mock.calls.map(([m]) => (m as { op: string; last?: boolean }).op + ((m as { last?: boolean }).last ? ":last" : ""));
      expect(ops).toEqual(["begin", "exec:last"]);
    } finally {
      posted.mockRestore();
    }
    expect(await db.query("select id from t where id = any($1) order by id", [[61, 62]])).toEqual([{ id: 61 }]);
  });

  it("a last statement that fails, or whose COMMIT fails, leaves nothing behind", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [70, "seventy"]);
        await tx.queryLast(insert, [70, "again"]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    await db.exec("create table twice (k int, constraint twice_k unique (k) deferrable initially deferred)");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into twice (k) values ($1)", [1]);
        await tx.queryLast("insert into twice (k) values ($1)", [1]);
      }),
    ).rejects.toMatchObject({ code: "23505", constraint: "twice_k" });
    expect(await db.query("select id from t where id = $1", [70])).toEqual([]);
    expect(await db.query("select k from twice where k = $1", [1])).toEqual([]);
    expect(await db.transaction((tx) => tx.queryLast<{ n: number }>("select count(*)::int as n from twice where k >= $1", [0]))).toEqual([{ n: 0 }]);
  });
});

describe("PGlite thread that stops (WASM abort, out of memory)", () => {
  /** openPglite with the threads it opens kept, so a test can stop one as a crash would. */
  async function openWatched(dataDir?: string) {
    const threads: PgliteThread[] = [];
    const opened = await openPglite(dataDir, async (dir) => {
      const thread = await openPgliteThread(dir);
      threads.push(thread);
      return thread;
    });
    return { db: opened, threads };
  }

  it("is replaced once on the next calls: committed rows are there, the transaction in flight failed and left nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-pglite-"));
    const { db: file, threads } = await openWatched(dir);
    try {
      await file.exec("create table kept (id int primary key)");
      await file.query("insert into kept (id) values ($1)", [1]);
      const inFlight = file.transaction(async (tx) => {
        await tx.query("insert into kept (id) values ($1)", [2]);
        await threads[0].stop();
        await tx.query("insert into kept (id) values ($1)", [3]);
      });
      await expect(inFlight).rejects.toThrow(/database thread stopped/);
      // Several callers at once: one new thread, and the statement prepared on the old one is prepared again.
      const reads = await Promise.all(Array.from({ length: 5 }, () => file.query<{ id: number }>("select id from kept where id > $1 order by id", [0])));
      expect(reads.every((rows) => JSON.stringify(rows) === JSON.stringify([{ id: 1 }]))).toBe(true);
      expect(threads).toHaveLength(2);
      await file.query("insert into kept (id) values ($1)", [4]);
      expect(await file.transaction((tx) => tx.queryLast<{ id: number }>("select id from kept where id > $1 order by id", [0]))).toEqual([{ id: 1 }, { id: 4 }]);
    } finally {
      await file.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an in-memory database died with its thread: calls keep failing with the reason", async () => {
    const { db: memory, threads } = await openWatched();
    await memory.exec("create table gone (id int)");
    await threads[0].stop();
    await expect(memory.query("select id from gone where id = $1", [1])).rejects.toThrow(/database thread stopped/);
    await expect(memory.transaction((tx) => tx.exec("select 1"))).rejects.toThrow(/database thread stopped/);
    expect(threads).toHaveLength(1);
    await memory.close();
  });
});
