import { asService } from "@/lib/db/service";
import { AppError } from "@/lib/http/errors";
import { writeUserLog, publishUserLog, type UserLogEntry } from "@/lib/log/user-log";
import { settleOrder } from "@/lib/execution/settle-order";
import type { AuthenticatedDevice } from "./authenticate-device";
import { ackToCommandResult, finalOrderResult, type CommandStatus } from "./command-result";
import { eaHealth } from "./ea-health";
import type { EaAckBody, EaCommandPayload, EaCommandResult } from "./schemas";

export type AckOutcome = { ok: true; command_id: string; status: "filled" | "rejected"; duplicate: boolean };

type CommandRow = { id: string; order_id: string | null; action: string; payload: EaCommandPayload; status: CommandStatus; result: EaCommandResult | null };

function lateAckLog(device: AuthenticatedDevice, cmd: CommandRow, ack: EaAckBody): UserLogEntry {
  const what = `${cmd.payload.side ?? ""} ${cmd.payload.lots ?? ""} ${cmd.payload.symbol ?? ""}`.replace(/\s+/g, " ").trim();
  const outcome = ack.status === "filled" ? `executed it (ticket ${ack.ticket}, price ${ack.price})` : `refused it (${ack.error ?? "no reason"})`;
  return {
    user_id: device.userId,
    level: "warn",
    type: "order",
    message: `MetaTrader ${outcome} after Unify had already marked the ${cmd.action} ${what} expired. Check the terminal's Trade tab.`,
    data: { account_id: device.accountId, command_id: cmd.id, order_id: cmd.order_id },
  };
}

/**
 * Records the EA's outcome of one command and settles the order behind it. The first
 * ack marks the command filled or rejected; a duplicate changes nothing and answers the
 * same. Either way the order is settled again (settleOrder leaves a settled order alone),
 * so an ack whose settlement failed (5xx, the EA retries) completes on the retry. An ack
 * after the command expired is recorded and logged as a warning for the trader: the
 * terminal did act. Unknown commands, or another device's, are 404.
 */
export async function handleAck(device: AuthenticatedDevice, ack: EaAckBody, now = new Date()): Promise<AckOutcome> {
  const { cmd, duplicate, lateLog } = await asService(async (tx) => {
    const [cmd] = await tx.query<CommandRow>(
      "select id, order_id, action, payload, status, result from public.ea_commands where id = $1 and device_id = $2 for update",
      [ack.command_id, device.id],
    );
    if (!cmd) throw new AppError("not_found", "No such command for this device.");
    if (cmd.status === "filled" || cmd.status === "rejected") return { cmd, duplicate: true, lateLog: null };
    const late = cmd.status === "expired";
    const result: EaCommandResult = { ...ackToCommandResult(ack), ...(late ? { late: true } : {}) };
    await tx.query("update public.ea_commands set status = $2, result = $3, acked_at = $4 where id = $1", [cmd.id, ack.status, JSON.stringify(result), now]);
    const lateLog = late ? lateAckLog(device, cmd, ack) : null;
    if (lateLog) await writeUserLog(tx, lateLog);
    return { cmd: { ...cmd, status: ack.status, result }, duplicate: false, lateLog };
  });

  if (!duplicate) eaHealth.ok(device.broker);
  if (lateLog) await publishUserLog(lateLog);
  const status = cmd.status as "filled" | "rejected";
  if (cmd.order_id) await settleOrder(cmd.order_id, finalOrderResult(status, cmd.payload, cmd.result ?? {}));
  return { ok: true, command_id: cmd.id, status, duplicate };
}
