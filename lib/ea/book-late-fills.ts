import { asService } from "@/lib/db/service";
import { log } from "@/lib/log/logger";
import { publishUserLog, writeUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { settleOrder } from "@/lib/execution/settle-order";
import { orderIdFromComment } from "@/brokers/mt/order-comment";
import type { AuthenticatedDevice } from "./authenticate-device";
import { finalOrderResult, positionForCommand, positionToCommandResult } from "./command-result";
import type { EaAccountState, EaCommandPayload } from "./schemas";

type ExpiredOpen = { id: string; order_id: string; payload: EaCommandPayload };

/**
 * Books the fills a terminal reports after Unify gave up on them. An `open` the EA
 * collected but never confirmed is expired after the grace period ("may or may not have
 * been executed"); when MetaTrader executed it and then died before its ack or its next
 * poll (the EA keeps unsent acks in memory only), the position carrying the order's id
 * shows up in the first poll after the restart. Nothing else would ever look at it again
 * (the expiry job reads only `sent` commands), so the order would stay expired while the
 * terminal holds the trade. Such a command becomes `filled` (late, matched by comment),
 * its order is booked (settleOrder revives an expired order the broker reports filled)
 * and the trader is warned.
 *
 * Runs after the poll's transaction committed: the order is settled first and the command
 * moved on after, so a failure in between is retried by the next poll. Never-collected
 * commands (no sent_at) cannot have run and are left alone.
 */
export async function bookLateFills(device: AuthenticatedDevice, state: EaAccountState): Promise<number> {
  const orderIds = [...new Set(state.positions.map((p) => orderIdFromComment(p.comment)).filter((id): id is string => id !== null))];
  if (!orderIds.length) return 0;
  const candidates = await asService((tx) =>
    tx.query<ExpiredOpen>(
      `select id, order_id, payload from public.ea_commands
        where order_id = any($2::uuid[]) and device_id = $1 and action = 'open' and status = 'expired' and sent_at is not null`,
      [device.id, orderIds],
    ),
  );
  let booked = 0;
  for (const cmd of candidates) {
    const position = positionForCommand(state, cmd.payload);
    if (!position) continue;
    const result = { ...positionToCommandResult(position), late: true };
    await settleOrder(cmd.order_id, finalOrderResult("filled", cmd.payload, result));
    const entry = await asService(async (tx) => {
      const moved = await tx.query(
        "update public.ea_commands set status = 'filled', result = coalesce(result, '{}'::jsonb) || $2::jsonb, acked_at = now() where id = $1 and status = 'expired' returning 1",
        [cmd.id, JSON.stringify(result)],
      );
      if (!moved.length) return null;
      const what = `${cmd.payload.side ?? ""} ${cmd.payload.lots ?? ""} ${cmd.payload.symbol ?? ""}`.replace(/\s+/g, " ").trim();
      const e: UserLogEntry = {
        user_id: device.userId,
        level: "warn",
        type: "order",
        message: `MetaTrader executed the open ${what} (position #${position.ticket} at ${position.open_price}) after Unify had already marked it expired; it is now booked as filled. Check the terminal's Trade tab.`,
        data: { account_id: device.accountId, command_id: cmd.id, order_id: cmd.order_id },
      };
      await writeUserLog(tx, e);
      return e;
    });
    if (entry) {
      booked++;
      await publishUserLog(entry).catch((err) => log.warn("publishing a late EA fill failed", { order_id: cmd.order_id, error: String(err) }));
    }
  }
  return booked;
}
