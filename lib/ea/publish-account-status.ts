import { getBus } from "@/lib/events";
import { publishUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { log } from "@/lib/log/logger";

/** The account columns an account.update event carries. */
export type AccountSnapshot = { id: string; user_id: string; broker: string; enabled: boolean; status: string; balance: number; equity: number };

/**
 * After commit: tells the owner's dashboards that an MT account changed (status, balance,
 * equity) and, when given, streams the activity-log line written with the change. The
 * database is the source of truth, so a failed publish is logged, not raised: the EA must
 * not be told its poll failed because a live view missed an update.
 */
export async function publishAccountStatus(account: AccountSnapshot, entry?: UserLogEntry): Promise<void> {
  try {
    const bus = await getBus();
    await bus.publish("account.update", {
      user_id: account.user_id,
      correlation_id: entry?.correlation_id ?? null,
      at: new Date().toISOString(),
      account: { id: account.id, broker: account.broker, enabled: account.enabled, status: account.status, balance: account.balance, equity: account.equity },
    });
    if (entry) await publishUserLog(entry);
  } catch (err) {
    log.warn("publishing an MT account update failed", { account_id: account.id, error: String(err) });
  }
}
