import { serviceDb } from "@/lib/db/service";
import { markSilentDevicesDown } from "./device-liveness";
import { expireCommands, type ExpiryReport } from "./expire-commands";
import { eaSettings, type EaSettings } from "./settings";

/**
 * Signatures are single use within ±300 s of their t, and t may lie up to 300 s ahead of
 * our clock, so a used signature must be remembered for 600 s after it was seen; older
 * replays fail the time window on their own.
 */
const SIGNATURE_RETENTION_MS = 660_000;

/** Forgets device signatures too old to be replayed successfully. */
export async function pruneEaSignatures(now = new Date()): Promise<number> {
  const db = await serviceDb();
  const rows = await db.query("delete from public.ea_signatures where seen_at < $1 returning 1", [new Date(now.getTime() - SIGNATURE_RETENTION_MS)]);
  return rows.length;
}

export type BridgeJobReport = ExpiryReport & { accountsDown: string[]; signaturesPruned: number };

/**
 * One pass of the MetaTrader bridge's background work, for the process's job runner to
 * call every 2–5 s (at most half of UNIFY_EA_OFFLINE_AFTER_MS, so an outage shows within
 * the configured time): accounts of silent EAs marked down, overdue commands reported
 * pending then expired (their orders settled), old signatures pruned. Safe to run on
 * every replica at once: every step is a conditional update.
 */
export async function runEaBridgeJobs(now = new Date(), settings: EaSettings = eaSettings()): Promise<BridgeJobReport> {
  const accountsDown = await markSilentDevicesDown(now, settings);
  const expiry = await expireCommands(now, settings);
  const signaturesPruned = await pruneEaSignatures(now);
  return { ...expiry, accountsDown, signaturesPruned };
}
