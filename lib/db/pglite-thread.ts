import { Worker } from "node:worker_threads";

/**
 * The part of PGlite (and of its transactions) that pglite.ts uses. `last` marks a
 * transaction's last statement: it commits with it, in the same message.
 */
export type PgliteLike = {
  query<T>(sql: string, params?: unknown[], opts?: { last?: boolean }): Promise<{ rows: T[] }>;
  exec(sql: string, opts?: { last?: boolean }): Promise<{ rows: unknown[] }[]>;
};
export type PgliteThread = PgliteLike & {
  transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Why the thread can take no more calls (it stopped: WASM abort, out of memory …), or null. */
  readonly broken: Error | null;
  /** Stops the thread without closing the database (it is dead, or being replaced); resolves once it has exited. */
  stop(): Promise<void>;
};

type Answer = { id: number; rows?: unknown[]; error?: Record<string, unknown> & { message: string } };
type Message = { op: "query" | "exec" | "end" | "close"; sql?: string; params?: unknown[]; tx?: number; commit?: boolean; last?: boolean };

/** A database error rebuilt on this side, with Postgres's fields (code, detail, constraint …). */
function rebuild(error: Answer["error"] & object): Error {
  const { message, name, ...fields } = error;
  return Object.assign(new Error(message), { name: name === "Error" ? "DatabaseError" : name }, fields);
}

/**
 * Opens PGlite on its own thread (pglite-worker.mjs). Postgres in WASM is synchronous work:
 * on the server's thread it would stall every request while a statement runs; here it uses
 * the second core. Each call is one message each way; a transaction's statements are
 * delivered to it in order while other callers queue, as PGlite itself serialises them.
 */
export async function openPgliteThread(dataDir?: string): Promise<PgliteThread> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
  let seq = 0;
  let broken: Error | null = null;
  // Keeps the process alive only while a statement is on its way (not an idle database).
  const track = () => (pending.size ? worker.ref() : worker.unref());

  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: { ready: boolean; error?: Answer["error"] }) => (m.ready ? resolve() : reject(rebuild(m.error!))));
    worker.once("error", reject);
  });
  worker.on("message", (m: Answer) => {
    const call = pending.get(m.id);
    if (!call) return;
    pending.delete(m.id);
    track();
    if (m.error) call.reject(rebuild(m.error));
    else call.resolve(m.rows ?? []);
  });
  const fail = (err: Error) => {
    broken ??= err;
    for (const call of pending.values()) call.reject(err);
    pending.clear();
    track();
  };
  worker.on("error", (err) => fail(err));
  const exited = new Promise<void>((resolve) =>
    worker.on("exit", (code) => {
      fail(new Error(`The embedded database thread stopped (exit code ${code}).`));
      resolve();
    }),
  );
  track();

  const call = (m: Message) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = ++seq;
      pending.set(id, { resolve, reject });
      track();
      worker.postMessage({ id, ...m });
    });
  const on = (tx: number, ended = () => {}): PgliteLike => ({
    query: async <T>(sql: string, params?: unknown[], opts?: { last?: boolean }) => {
      if (opts?.last) ended();
      return { rows: (await call({ op: "query", sql, params, tx, last: opts?.last })) as T[] };
    },
    exec: async (sql: string, opts?: { last?: boolean }) => {
      if (opts?.last) ended();
      return [{ rows: await call({ op: "exec", sql, tx, last: opts?.last }) }];
    },
  });

  let txSeq = 0;
  return {
    ...on(0),
    async transaction(fn) {
      const tx = ++txSeq;
      let ended = false;
      worker.postMessage({ op: "begin", tx });
      let out;
      try {
        out = await fn(on(tx, () => (ended = true)));
      } catch (err) {
        await call({ op: "end", tx, commit: false }).catch(() => undefined);
        throw err;
      }
      // The last statement (if one was marked) already committed.
      if (!ended) await call({ op: "end", tx, commit: true });
      return out;
    },
    async close() {
      if (!broken) await call({ op: "close" });
      await worker.terminate();
    },
    get broken() {
      return broken;
    },
    async stop() {
      await worker.terminate();
      await exited;
    },
  };
}
