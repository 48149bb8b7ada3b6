import { getDb } from "@/lib/db/connection";
import { getBus } from "@/lib/events";
import { brokerHealth } from "@/brokers/registry";
import pkg from "@/package.json";

export type Health = {
  status: "healthy" | "degraded" | "down";
  version: string;
  db: "ok" | "down";
  bus: "ok" | "down";
  brokers: Record<string, string>;
  latency_ms: number;
};

async function probe(fn: () => Promise<unknown>, timeoutMs = 2_000): Promise<boolean> {
  try {
    const ok = await Promise.race([fn().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
    return ok;
  } catch {
    return false;
  }
}

/** Database, bus and broker health; "down" when the database is unreachable. No secrets. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  const [db, bus] = await Promise.all([
    probe(async () => (await getDb()).query("select 1")),
    probe(async () => {
      if (!(await (await getBus()).ping())) throw new Error("bus ping failed");
    }),
  ]);
  const brokers = brokerHealth();
  const brokersOk = Object.values(brokers).every((b) => b === "operational");
  return {
    status: !db ? "down" : bus && brokersOk ? "healthy" : "degraded",
    version: pkg.version,
    db: db ? "ok" : "down",
    bus: bus ? "ok" : "down",
    brokers,
    latency_ms: Math.round((performance.now() - started) * 100) / 100,
  };
}
