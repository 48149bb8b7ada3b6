import { asService } from "@/lib/db/service";
import type { Queryable } from "@/lib/db/types";
import { writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { log } from "@/lib/log/logger";
import { bookLateFills } from "./book-late-fills";
import type { AuthenticatedDevice } from "./authenticate-device";
import { publishAccountStatus, type AccountSnapshot } from "./publish-account-status";
import type { EaAccountState, EaAction, EaCommandPayload, WireCommand } from "./schemas";

/** At most this many commands go out in one answer; the rest follow on the next poll (500 ms later). */
const MAX_COMMANDS_PER_POLL = 50;
/** One equity_history point per account per minute is plenty for the charts; polls come twice a second. */
const EQUITY_POINT_EVERY_SEC = 60;

type CommandRow = { id: string; action: EaAction; payload: EaCommandPayload; created_at: Date };
type Before = { status: string; balance: number; equity: number };
type AccountRow = AccountSnapshot & { before: Before };

/** The command as the EA receives it, keys in protocol order. */
export function toWireCommand(row: { id: string; action: EaAction; payload: EaCommandPayload }): WireCommand {
  const p = row.payload;
  return { command_id: row.id, action: row.action, symbol: p.symbol, side: p.side, lots: p.lots, sl: p.sl, tp: p.tp, comment: p.comment };
}

async function updateAccount(tx: Queryable, device: AuthenticatedDevice, state: EaAccountState, now: Date): Promise<AccountRow> {
  const [before] = await tx.query<Before>("select status, balance, equity from public.broker_accounts where id = $1 for update", [device.accountId]);
  // Polling proves the terminal is up: the account is active again unless the trader disabled it.
  const [after] = await tx.query<AccountSnapshot>(
    `update public.broker_accounts
        set balance = $2, equity = $3, margin = $4, currency = coalesce($5, currency), last_sync = $6,
            status = case when enabled then 'active' else status end,
            status_reason = case when enabled then null else status_reason end
      where id = $1
      returning id, user_id, broker, enabled, status, balance, equity`,
    [device.accountId, state.balance, state.equity, state.margin, state.currency ?? null, now],
  );
  return { ...after, before };
}

/**
 * Records one poll and hands out the device's queued commands, in one service
 * transaction: the device's last_poll_at and last_state, the account's balance, equity,
 * margin, last_sync and status (active again), an equity point at most once a minute,
 * and every queued, unexpired command marked `sent` (each goes out once, even to two
 * polls racing). A device coming back online is logged and published after commit, and
 * a position that proves an expired `open` ran after all is booked (bookLateFills).
 */
export async function recordPoll(device: AuthenticatedDevice, state: EaAccountState, now = new Date()): Promise<WireCommand[]> {
  const { account, commands, backOnline } = await asService(async (tx) => {
    await tx.query("update public.ea_devices set last_poll_at = $2, last_state = $3 where id = $1", [device.id, now, JSON.stringify(state)]);
    const account = await updateAccount(tx, device, state, now);
    await tx.query(
      `insert into public.equity_history (user_id, account_id, t, equity, balance)
       select $1, $2, $3, $4, $5
        where not exists (select 1 from public.equity_history where account_id = $2 and t > $3::timestamptz - make_interval(secs => $6))`,
      [device.userId, device.accountId, now, state.equity, state.balance, EQUITY_POINT_EVERY_SEC],
    );
    let backOnline: UserLogEntry | null = null;
    if (account.status === "active" && account.before.status !== "active") {
      backOnline = {
        user_id: device.userId,
        level: "info",
        type: "account",
        message: `MetaTrader is connected: the UnifyBridge EA is polling (balance ${state.balance}, equity ${state.equity}).`,
        data: { account_id: device.accountId, device_id: device.id },
      };
      await writeUserLog(tx, backOnline);
    }
    const commands = await tx.query<CommandRow>(
      `update public.ea_commands set status = 'sent', sent_at = $2
        where id in (select id from public.ea_commands
                      where device_id = $1 and status = 'queued' and expires_at > $2
                      order by created_at limit $3 for update skip locked)
        returning id, action, payload, created_at`,
      [device.id, now, MAX_COMMANDS_PER_POLL],
    );
    return { account, commands, backOnline };
  });

  // Only changes reach the dashboards: an idle terminal polling twice a second publishes nothing.
  const { before } = account;
  if (account.status !== before.status || account.balance !== before.balance || account.equity !== before.equity) {
    await publishAccountStatus(account, backOnline ?? undefined);
  }
  // The commands are already marked sent: whatever happens here, the EA must get its answer.
  try {
    await bookLateFills(device, state);
  } catch (err) {
    log.error("booking a late MetaTrader fill failed; the next poll tries again", { device_id: device.id, error: String(err) });
  }
  return commands.sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map(toWireCommand);
}
