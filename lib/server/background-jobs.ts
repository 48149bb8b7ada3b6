import { holdsLeadership, LEADER_LOCKS } from "@/lib/db/leader";
import { paperTick } from "@/lib/execution/paper-engine";
import { reconcilePending } from "@/lib/execution/reconcile";
import { syncAccounts } from "@/lib/execution/sync-accounts";
import { applyRetention } from "@/lib/ops/retention";
import { publishHealth } from "@/lib/ops/publish-health";
import { refreshEmbeddedStatistics, vacuumEmbedded } from "@/lib/ops/embedded-upkeep";
import { runEaBridgeJobs } from "@/lib/ea/run-bridge-jobs";
import { log } from "@/lib/log/logger";

/** lock: the advisory lock that makes a job run on one replica only; 0 = runs on every replica. atStart: also runs once at start-up. */
type Job = { name: string; everyMs: number; lock: number; run: () => Promise<unknown>; atStart?: boolean };

const JOBS: Job[] = [
  { name: "paper engine", everyMs: 500, lock: LEADER_LOCKS.paperEngine, run: () => paperTick() },
  { name: "reconciler", everyMs: 10_000, lock: LEADER_LOCKS.reconciler, run: () => reconcilePending(), atStart: true },
  { name: "retention", everyMs: 3_600_000, lock: LEADER_LOCKS.retention, run: () => applyRetention() },
  // A minute apart: Tradovate's 5,000 requests an hour are shared by the whole deployment.
  { name: "broker sync", everyMs: 60_000, lock: LEADER_LOCKS.brokerSync, run: () => syncAccounts() },
  // Command expiry and device liveness of the MetaTrader bridge (at most half the offline threshold).
  { name: "ea bridge", everyMs: 2_000, lock: LEADER_LOCKS.eaBridge, run: () => runEaBridgeJobs() },
  // The embedded database has no autovacuum: tables that grew get fresh planner statistics (and plans).
  { name: "embedded statistics", everyMs: 5_000, lock: 0, run: () => refreshEmbeddedStatistics(), atStart: true },
  // …nor reclaims deleted rows and old row versions: an hourly VACUUM, as retention deletes hourly.
  { name: "embedded vacuum", everyMs: 3_600_000, lock: 0, run: () => vacuumEmbedded() },
  // Every replica reports its own view of health (its database and bus connections).
  { name: "health", everyMs: 15_000, lock: 0, run: () => publishHealth() },
];

const store = globalThis as unknown as { __unifyJobs?: NodeJS.Timeout[] };

/**
 * Starts the periodic jobs. Each runs on one replica only (advisory-lock leadership on
 * Postgres), never overlaps itself, and logs failures without stopping. Jobs marked
 * atStart also run once before start-up completes: the reconciler settles whatever a
 * previous process left pending, and the embedded database gets its statistics.
 */
export async function startBackgroundJobs(extra: Job[] = []): Promise<void> {
  if (store.__unifyJobs) return;
  store.__unifyJobs = [];
  for (const job of [...JOBS, ...extra]) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        if (job.lock === 0 || (await holdsLeadership(job.lock))) await job.run();
      } catch (err) {
        log.error(`${job.name} failed`, { error: (err as Error)?.stack ?? String(err) });
      } finally {
        running = false;
      }
    };
    if (job.atStart) await tick();
    store.__unifyJobs.push(setInterval(tick, job.everyMs));
  }
}

export function stopBackgroundJobs() {
  for (const t of store.__unifyJobs ?? []) clearInterval(t);
  store.__unifyJobs = undefined;
}
