// The embedded database's own thread: PGlite (Postgres in WASM) runs here, so its work
// uses the second core and never blocks the server's event loop. pglite-thread.ts is the
// other end; messages are { id, op, sql, params, tx, last } and the answers { id, rows | error }.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

// numeric and bigint come back as JS numbers, the same as the pg driver is set up to do.
const parsers = { [types.NUMERIC]: (v) => Number(v), [types.INT8]: (v) => Number(v) };

/** What the other thread needs of a database error, to rebuild it there. */
function serialize(err) {
  const e = err ?? {};
  const out = { message: String(e.message ?? err), name: e.name ?? "Error" };
  for (const k of ["code", "detail", "hint", "constraint", "table", "column", "schema", "severity", "position", "where", "dataType", "routine"]) {
    if (e[k] !== undefined) out[k] = e[k];
  }
  return out;
}

const reply = (id, answer) => parentPort.postMessage({ id, ...answer });

/** A statement on the database or in a transaction: a query's rows, or the last result's rows of an exec. */
async function run(target, m) {
  if (m.op === "query") return (await target.query(m.sql, m.params)).rows;
  const results = await target.exec(m.sql);
  return results.length ? results[results.length - 1].rows : [];
}

function answer(target, m) {
  run(target, m).then(
    (rows) => reply(m.id, { rows }),
    (err) => reply(m.id, { error: serialize(err) }),
  );
}

let pg;
/** Open transactions: the messages waiting for each, in order. */
const transactions = new Map();

function begin(tx) {
  const box = { queue: [], wake: null, failed: null, end: null };
  transactions.set(tx, box);
  const next = () => (box.queue.length ? Promise.resolve(box.queue.shift()) : new Promise((resolve) => (box.wake = resolve)));
  pg.transaction(async (t) => {
    for (;;) {
      const m = await next();
      if (m.op === "end") {
        box.end = m;
        if (!m.commit) await t.rollback();
        return { id: m.id, rows: [] };
      }
      // The transaction's last statement: it is answered once COMMIT has succeeded.
      if (m.last) {
        box.end = m;
        return { id: m.id, rows: await run(t, m) };
      }
      try {
        reply(m.id, { rows: await run(t, m) });
      } catch (err) {
        reply(m.id, { error: serialize(err) });
      }
    }
  }).then(
    (done) => {
      transactions.delete(tx);
      reply(done.id, { rows: done.rows });
    },
    (err) => {
      // BEGIN, the last statement or COMMIT failed: it, what is queued and what still comes get the error.
      box.failed = serialize(err);
      for (const m of box.queue.splice(0)) settleFailed(tx, box, m);
      if (box.end) {
        reply(box.end.id, { error: box.failed });
        // Ended (by its end or its last statement): anything after is told it has ended.
        transactions.delete(tx);
      }
    },
  );
}

function settleFailed(tx, box, m) {
  reply(m.id, { error: box.failed });
  if (m.op === "end") transactions.delete(tx);
}

function deliver(m) {
  const box = transactions.get(m.tx);
  if (!box) return reply(m.id, { error: { name: "Error", message: "This transaction has ended." } });
  if (box.failed) return settleFailed(m.tx, box, m);
  if (box.wake) {
    const wake = box.wake;
    box.wake = null;
    wake(m);
  } else box.queue.push(m);
}

try {
  pg = await PGlite.create({ dataDir: workerData.dataDir, parsers });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: serialize(err) });
}

parentPort.on("message", (m) => {
  if (m.op === "begin") return begin(m.tx);
  if (m.tx) return deliver(m);
  if (m.op === "close") {
    pg.close().then(
      () => reply(m.id, { rows: [] }),
      (err) => reply(m.id, { error: serialize(err) }),
    );
    return;
  }
  answer(pg, m);
});
