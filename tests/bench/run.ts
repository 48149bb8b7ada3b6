// npm run bench — the webhook pipeline under load, against the production build, on the
// embedded database and then on Postgres. Targets only 127.0.0.1; every run stops by itself.
import crypto from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { ensureBuild, startServer, type BenchServer } from "./server";
import { diffBuckets, histogramBuckets, quantile } from "./histogram";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONCURRENCY = [1, 16, 64];

type Run = { target: string; connections: number; rps: number; p50: number; p99: number; ok: number; non2xx: number; errors: number; serverP50?: number | null; serverP99?: number | null };

/** More accounts (for the Postgres run): alerts for different accounts do not queue on one account's lock. */
async function extraAccounts(server: BenchServer, databaseUrl: string, n: number): Promise<string[]> {
  const keys: string[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  for (let i = 0; i < n; i++) {
    const email = `bench${i}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const signup = await fetch(`${server.url}/api/unify/v1/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "bench-password-1", name: "Bench" }) });
    const { user, access_token } = (await signup.json()) as { user: { id: string }; access_token: string };
    // Elite: no trade allowance in the way of a load test.
    await db.query("update public.profiles set plan = 'elite' where id = $1", [user.id]);
    const acc = await fetch(`${server.url}/api/unify/v1/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ broker: "paper", name: "Bench", mode: "demo" }),
    });
    keys.push(((await acc.json()) as { api_key: string }).api_key);
  }
  await db.end();
  return keys;
}

function alertBody(apiKey: string, i: number, side: "buy" | "sell") {
  return JSON.stringify({ version: "unify.v1", source: "bench", api_key: apiKey, id: `bench-${crypto.randomUUID()}`, intent: { action: "entry", side, type: "market", symbol: "EURUSD", qty: 0.01, tag: `b${i % 4}` } });
}

async function load(server: BenchServer, target: "floor" | "pipeline", connections: number, orderIds: Set<string>, keys: string[] = [server.apiKey]): Promise<Run> {
  let n = 0;
  const path = target === "floor" ? "/api/unify/v1/ping" : "/api/unify/v1/webhook/paper";
  const result = await autocannon({
    url: server.url,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: alertBody(keys[n % keys.length], n, n++ % 2 ? "sell" : "buy") }),
        onResponse: (status, body) => {
          if (target === "pipeline" && status >= 200 && status < 300) orderIds.add((JSON.parse(body) as { order_id: string }).order_id);
        },
      },
    ],
  });
  return {
    target,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function serverLatency(server: BenchServer): Promise<Map<number, number>> {
  const text = await (await fetch(`${server.url}/api/unify/v1/metrics`)).text();
  return histogramBuckets(text, "webhook_latency_seconds", (l) => l.includes('outcome="accepted"'));
}

async function pages<T>(server: BenchServer, path: string, key: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${server.url}/api/unify/v1${path}${path.includes("?") ? "&" : "?"}limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const page = (await res.json()) as Record<string, unknown> & { next_cursor: string | null };
    out.push(...(page[key] as T[]));
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/**
 * Exactly once: every 2xx answer names an order that exists once; every order belongs to
 * exactly one accepted alert, and no alert id produced two orders. Orders of requests the
 * load generator cut off at the end of a run (answered after it stopped listening) are
 * counted separately: they exist once, their answers were simply not read.
 */
async function checkExactlyOnce(server: BenchServer, answeredIds: Set<string>, answered2xx: number): Promise<string> {
  const orders = await pages<{ id: string }>(server, "/orders", "orders");
  const events = await pages<{ order_id: string | null; outcome: string; payload: { id?: string } | null }>(server, "/webhook-events?outcome=accepted", "events");
  const orderIds = new Map<string, number>();
  for (const o of orders) orderIds.set(o.id, (orderIds.get(o.id) ?? 0) + 1);
  const byAlert = new Map<string, Set<string>>();
  const eventsPerOrder = new Map<string, number>();
  for (const e of events) {
    if (!e.order_id) continue;
    eventsPerOrder.set(e.order_id, (eventsPerOrder.get(e.order_id) ?? 0) + 1);
    const alertId = e.payload?.id ?? "";
    const set = byAlert.get(alertId) ?? new Set<string>();
    set.add(e.order_id);
    byAlert.set(alertId, set);
  }
  const missing = [...answeredIds].filter((id) => !orderIds.has(id)).length;
  const duplicatedRows = [...orderIds.values()].filter((n) => n > 1).length;
  const alertsWithTwoOrders = [...byAlert.entries()].filter(([id, s]) => id && s.size > 1).length;
  const ordersWithoutOneEvent = orders.filter((o) => eventsPerOrder.get(o.id) !== 1).length;
  const unanswered = orders.length - answeredIds.size;
  const ok = answered2xx === answeredIds.size && missing === 0 && duplicatedRows === 0 && alertsWithTwoOrders === 0 && ordersWithoutOneEvent === 0;
  return `${ok ? "OK" : "MISMATCH"}: ${answered2xx} answered 2xx → ${answeredIds.size} distinct orders, all present (${missing} missing); ${orders.length} order rows, ${duplicatedRows} duplicated; ${alertsWithTwoOrders} alert ids with two orders; ${ordersWithoutOneEvent} orders without exactly one accepted alert; ${unanswered} orders of requests cut off when a run stopped`;
}

const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? "—" : n.toFixed(d));

async function benchDatabase(label: string, databaseUrl: string | undefined, port: number) {
  const server = await startServer({ port, databaseUrl });
  const runs: Run[] = [];
  const orderIds = new Set<string>();
  try {
    // Warm up both routes (first requests compile caches, open pools).
    await load(server, "floor", 4, orderIds).catch(() => undefined);
    for (const c of CONCURRENCY) {
      runs.push(await load(server, "floor", c, orderIds));
      const before = await serverLatency(server);
      const run = await load(server, "pipeline", c, orderIds);
      const added = diffBuckets(await serverLatency(server), before);
      run.serverP50 = (quantile(added, 0.5) ?? NaN) * 1000;
      run.serverP99 = (quantile(added, 0.99) ?? NaN) * 1000;
      runs.push(run);
    }
    const ok2xx = runs.filter((r) => r.target === "pipeline").reduce((s, r) => s + r.ok, 0);
    const check = await checkExactlyOnce(server, orderIds, ok2xx);
    const spread: Run[] = [];
    if (databaseUrl) {
      const keys = await extraAccounts(server, databaseUrl, 16);
      for (const c of [16, 64]) {
        const before = await serverLatency(server);
        const run = await load(server, "pipeline", c, new Set(), keys);
        const added = diffBuckets(await serverLatency(server), before);
        run.serverP50 = (quantile(added, 0.5) ?? NaN) * 1000;
        run.serverP99 = (quantile(added, 0.99) ?? NaN) * 1000;
        spread.push(run);
      }
    }
    console.log(`\n## ${label}\n`);
    console.log("| conc | floor req/s | pipeline alerts/s | ratio | p50 ms | p99 ms | server p50 ms | server p99 ms | non-2xx | errors |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const c of CONCURRENCY) {
      const f = runs.find((r) => r.target === "floor" && r.connections === c)!;
      const p = runs.find((r) => r.target === "pipeline" && r.connections === c)!;
      console.log(`| ${c} | ${fmt(f.rps, 0)} | ${fmt(p.rps, 0)} | ${fmt(p.rps / f.rps, 2)} | ${fmt(p.p50)} | ${fmt(p.p99)} | ${fmt(p.serverP50, 2)} | ${fmt(p.serverP99, 2)} | ${p.non2xx} | ${p.errors} |`);
    }
    console.log(`\nExactly-once check (demo account runs): ${check}`);
    if (spread.length) {
      console.log("\nThe same alerts spread over 16 accounts (different traders do not queue on one account's lock):\n");
      console.log("| conc | pipeline alerts/s | ratio to floor | p50 ms | p99 ms | server p50 ms | server p99 ms | non-2xx | errors |");
      console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const p of spread) {
        const f = runs.find((r) => r.target === "floor" && r.connections === p.connections)!;
        console.log(`| ${p.connections} | ${fmt(p.rps, 0)} | ${fmt(p.rps / f.rps, 2)} | ${fmt(p.p50)} | ${fmt(p.p99)} | ${fmt(p.serverP50, 2)} | ${fmt(p.serverP99, 2)} | ${p.non2xx} | ${p.errors} |`);
      }
    }
  } finally {
    await server.stop();
  }
}

async function main() {
  await ensureBuild();
  console.log(`Unify webhook bench: ${DURATION_S} s per run, concurrency ${CONCURRENCY.join("/")}, load generator on the same machine.`);
  await benchDatabase("Embedded PGlite", undefined, 3901);
  const server = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `unify_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`\n## Postgres\n\nSkipped: cannot reach ${server} (${(err as Error).message}).`);
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await benchDatabase("Postgres 15 (pool of 10)", url.toString(), 3902);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
