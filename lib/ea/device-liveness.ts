import { asService } from "@/lib/db/service";
import { writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { publishAccountStatus, type AccountSnapshot } from "./publish-account-status";
import { eaSettings, type EaSettings } from "./settings";

/**
 * Marks `down` every active MetaTrader account whose EA has not polled within
 * `offlineAfterMs`, with a status_reason the trader understands, an activity-log line and
 * an account.update event each. The next poll marks the account active again
 * (recordPoll). Returns the accounts it marked.
 */
export async function markSilentDevicesDown(now = new Date(), settings: Pick<EaSettings, "offlineAfterMs"> = eaSettings()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - settings.offlineAfterMs);
  const seconds = Math.round(settings.offlineAfterMs / 1000);
  const marked = await asService(async (tx) => {
    const rows = await tx.query<AccountSnapshot & { device_id: string }>(
      `update public.broker_accounts a
          set status = 'down',
              status_reason = 'The UnifyBridge EA has not polled since '
                || coalesce(to_char(d.last_poll_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', 'the account was connected')
                || ': MetaTrader is closed or offline, or the EA was removed from its chart.'
         from public.ea_devices d
        where d.account_id = a.id and a.status = 'active' and a.enabled
          and (d.last_poll_at is null or d.last_poll_at < $1)
        returning a.id, a.user_id, a.broker, a.enabled, a.status, a.balance, a.equity, d.id as device_id`,
      [cutoff],
    );
    const out: { account: AccountSnapshot; entry: UserLogEntry }[] = [];
    for (const { device_id, ...account } of rows) {
      const entry: UserLogEntry = {
        user_id: account.user_id,
        level: "warn",
        type: "account",
        message: `MetaTrader is offline: the UnifyBridge EA has not polled for more than ${seconds} s. Orders for this account are refused until it polls again.`,
        data: { account_id: account.id, device_id },
      };
      await writeUserLog(tx, entry);
      out.push({ account, entry });
    }
    return out;
  });
  for (const { account, entry } of marked) await publishAccountStatus(account, entry);
  return marked.map((m) => m.account.id);
}
