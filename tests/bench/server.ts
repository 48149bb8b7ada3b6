import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type BenchServer = { url: string; apiKey: string; token: string; child: ChildProcess; stop: () => Promise<void> };

/** Builds once (when there is no production build) so `next start` can run. */
export async function ensureBuild(): Promise<void> {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  const build = spawn("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  const code = await new Promise<number>((r) => build.on("exit", (c) => r(c ?? 1)));
  if (code !== 0) throw new Error("next build failed");
}

/**
 * Starts the production build (`next start`) on a fresh data directory (or the given
 * Postgres), seeded with the demo trader, whose paper account key the banner prints.
 */
export async function startServer(opts: { port: number; databaseUrl?: string }): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    UNIFY_DATA_DIR: dataDir,
    UNIFY_DEMO_SEED: "true",
    UNIFY_PLAN_RATE_LIMITS: "off",
    UNIFY_LOG_LEVEL: "warn",
    UNIFY_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    UNIFY_JWT_SECRET: crypto.randomBytes(48).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.NATS_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --trace-gc") passes V8 flags that NODE_OPTIONS refuses.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(opts.port)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  let apiKey: string | undefined;
  while (Date.now() < deadline) {
    apiKey = /API key \(shown once\): (uk_demo_\w+)/.exec(out)?.[1];
    if (apiKey) {
      try {
        if ((await fetch(`${url}/api/unify/v1/health`)).ok) break;
      } catch {
        // still starting
      }
    }
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!apiKey) throw new Error(`no demo key in the server output:\n${out}`);
  const login = await fetch(`${url}/api/unify/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "demo@unify.local", password: "unify-demo-2026" }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  return {
    url,
    apiKey,
    token,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
