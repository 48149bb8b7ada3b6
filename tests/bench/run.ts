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

function alertBody(apiKey: string, i: number, side: "buy" | "sell") {
  return JSON.stringify({ version: "unify.v1", source: "bench", api_key: apiKey, id: `bench-${crypto.randomUUID()}`, intent: { action: "entry", side, type: "market", symbol: "EURUSD", qty: 0.01, tag: `b${i % 4}` } });
}

async function load(server: BenchServer, target: "floor" | "pipeline", connections: number, orderIds: Set<string>): Promise<Run> {
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
        setupRequest: (req) => ({ ...req, body: alertBody(server.apiKey, n, n++ % 2 ? "sell" : "buy") }),
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

/** Every 2xx answer named an order; each of those orders exists exactly once. */
async function checkExactlyOnce(server: BenchServer, orderIds: Set<string>, answered2xx: number): Promise<string> {
  let cursor: string | null = null;
  const seen = new Map<string, number>();
  do {
    const res: Response = await fetch(`${server.url}/api/unify/v1/orders?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${server.token}` } });
    const page = (await res.json()) as { orders: { id: string }[]; next_cursor: string | null };
    for (const o of page.orders) seen.set(o.id, (seen.get(o.id) ?? 0) + 1);
    cursor = page.next_cursor;
  } while (cursor);
  const missing = [...orderIds].filter((id) => !seen.has(id)).length;
  const duplicated = [...seen.values()].filter((c) => c > 1).length;
  const extra = seen.size - orderIds.size;
  const verdict = answered2xx === orderIds.size && missing === 0 && duplicated === 0 && extra === 0 ? "OK" : "MISMATCH";
  return `${verdict}: ${answered2xx} answered 2xx, ${orderIds.size} distinct order ids, ${seen.size} order rows, ${missing} missing, ${duplicated} duplicated, ${extra} unexplained`;
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
    console.log(`\n## ${label}\n`);
    console.log("| conc | floor req/s | pipeline alerts/s | ratio | p50 ms | p99 ms | server p50 ms | server p99 ms | non-2xx | errors |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const c of CONCURRENCY) {
      const f = runs.find((r) => r.target === "floor" && r.connections === c)!;
      const p = runs.find((r) => r.target === "pipeline" && r.connections === c)!;
      console.log(`| ${c} | ${fmt(f.rps, 0)} | ${fmt(p.rps, 0)} | ${fmt(p.rps / f.rps, 2)} | ${fmt(p.p50)} | ${fmt(p.p99)} | ${fmt(p.serverP50, 2)} | ${fmt(p.serverP99, 2)} | ${p.non2xx} | ${p.errors} |`);
    }
    console.log(`\nExactly-once check: ${check}`);
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
