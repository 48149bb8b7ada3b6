// The fresh-clone check: clone the repository into a temp dir, run the README's two
// commands there — `npm install && npm run dev` and `npm test` — and check that the dev
// server answers /health and serves the login page with a demo login printed.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-clone-"));
const port = 4100 + Math.floor(Math.random() * 800);
const log = (m) => console.log(`[fresh-clone] ${m}`);
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: dir, stdio: "inherit", env: { ...process.env, ...env } });

// A fresh machine has no DATABASE_URL or NATS_URL: the embedded defaults must do.
const cleanEnv = { DATABASE_URL: "", NATS_URL: "" };

function fail(message) {
  console.error(`[fresh-clone] FAILED: ${message}`);
  process.exit(1);
}

async function waitFor(url, child, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) fail(`npm run dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`${url} did not answer 200 within ${ms / 1000} s`);
}

log(`cloning ${root} into ${dir}`);
execFileSync("git", ["clone", "--quiet", root, dir], { stdio: "inherit" });

log("npm install");
run("npm", ["install", "--no-audit", "--no-fund"], cleanEnv);

log(`npm run dev (port ${port})`);
const started = Date.now();
const dev = spawn("npm", ["run", "dev"], { cwd: dir, env: { ...process.env, ...cleanEnv, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true });
let output = "";
dev.stdout.on("data", (d) => (output += d));
dev.stderr.on("data", (d) => (output += d));
try {
  const health = await waitFor(`http://127.0.0.1:${port}/api/unify/v1/health`, dev, 180_000);
  const body = await health.json();
  if (body.db !== "ok") fail(`health says db ${body.db}`);
  log(`/health 200 after ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(body)}`);
  const login = await waitFor(`http://127.0.0.1:${port}/login`, dev, 120_000);
  const html = await login.text();
  if (!html.includes("Sign in")) fail("the login page does not show the sign-in form");
  log("/login 200 with the sign-in form");
  if (!/Demo login:\s+demo@unify\.local/.test(output)) fail(`no demo login printed:\n${output}`);
  log("demo login printed");
} finally {
  process.kill(-dev.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
}

log("npm test");
run("npm", ["test"], cleanEnv);
fs.rmSync(dir, { recursive: true, force: true });
log("passed");
