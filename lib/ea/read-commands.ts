import { serviceDb } from "@/lib/db/service";
import type { CommandState } from "./command-result";

export type StoredCommand = CommandState & { id: string; lastState: unknown };

/** The newest command queued for one of our orders, with the terminal's last reported state; null if none was ever queued. */
export async function readOrderCommand(accountId: string, userId: string, orderId: string): Promise<StoredCommand | null> {
  const db = await serviceDb();
  const [row] = await db.query<Omit<StoredCommand, "lastState"> & { last_state: unknown }>(
    `select c.id, c.status, c.action, c.payload, c.result, d.last_state
       from public.ea_commands c join public.ea_devices d on d.id = c.device_id
      where c.order_id = $1 and c.account_id = $2 and c.user_id = $3
      order by c.created_at desc limit 1`,
    [orderId, accountId, userId],
  );
  if (!row) return null;
  const { last_state, ...cmd } = row;
  return { ...cmd, lastState: last_state };
}

/** The state an account's EA last reported and when it last polled. */
export async function readDeviceState(accountId: string, userId: string): Promise<{ lastState: unknown; lastPollAt: Date | null } | null> {
  const db = await serviceDb();
  const [row] = await db.query<{ last_state: unknown; last_poll_at: Date | null }>(
    "select last_state, last_poll_at from public.ea_devices where account_id = $1 and user_id = $2",
    [accountId, userId],
  );
  return row ? { lastState: row.last_state, lastPollAt: row.last_poll_at } : null;
}

/**
 * Waits until the EA has settled a command (filled, rejected or expired), reading it every
 * `intervalMs`; returns null when it is still open after `timeoutMs`. It reads the
 * database rather than waiting on an in-process signal because the ack may reach
 * another replica.
 */
export async function waitForCommand(commandId: string, timeoutMs: number, intervalMs = 100): Promise<CommandState | null> {
  const db = await serviceDb();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<CommandState>("select status, action, payload, result from public.ea_commands where id = $1", [commandId]);
    if (row && row.status !== "queued" && row.status !== "sent") return row;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
}
