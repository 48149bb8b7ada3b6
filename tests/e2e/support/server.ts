import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

async function waitForHealth(url: string, child: ChildProcess | null, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/unify/v1/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

/**
 * Starts `next start` on a fresh data directory (building first when there is no
 * build), or uses E2E_BASE_URL when a server is already running.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide("baseUrl", process.env.E2E_BASE_URL);
    return;
  }
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    const build = spawn("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
    const code = await new Promise<number>((r) => build.on("exit", (c) => r(c ?? 1)));
    if (code !== 0) throw new Error("next build failed");
  }
  const port = 3100 + Math.floor(Math.random() * 800);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), UNIFY_DATA_DIR: dataDir, UNIFY_PUBLIC_URL: `http://localhost:${port}`, UNIFY_DEMO_SEED: "false" };
  delete env.DATABASE_URL;
  delete env.NATS_URL;
  const child = spawn("npx", ["next", "start", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const logFile = fs.createWriteStream(path.join(dataDir, "server.log"));
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  const baseUrl = `http://localhost:${port}`;
  await waitForHealth(baseUrl, child);
  project.provide("baseUrl", baseUrl);
  return async () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
