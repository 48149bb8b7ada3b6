import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Replica = { url: string; child: ChildProcess };

/** Starts a second app replica process (tests/support/replica.ts) with `env`; resolves once it serves. */
export async function startReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/support/replica.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`replica exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`replica did not start: ${err}`)), 30_000);
  });
  return { url, child };
}
