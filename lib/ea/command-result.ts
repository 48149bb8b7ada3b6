import type { PlaceOrderResult } from "@/brokers/types";
import { commentMatches } from "@/brokers/mt/order-comment";
import type { EaAccountState, EaAckBody, EaCommandPayload, EaCommandResult, EaPosition } from "./schemas";

export type CommandStatus = "queued" | "sent" | "filled" | "rejected" | "expired";

/** The columns of an ea_commands row the result mapping reads. */
export type CommandState = {
  status: CommandStatus;
  action: string;
  payload: EaCommandPayload;
  result: EaCommandResult | null;
};

/** What an ack records in ea_commands.result. */
export function ackToCommandResult(ack: EaAckBody): EaCommandResult {
  return {
    ticket: ack.ticket || undefined,
    price: ack.price || undefined,
    lots: ack.lots,
    profit: ack.profit,
    count: ack.count,
    reason: ack.status === "rejected" ? ack.error?.trim() || "The MetaTrader terminal refused the order without giving a reason." : undefined,
  };
}

/** The open position an EA reported for one of our open commands (matched by the order comment), if any. */
export function positionForCommand(state: EaAccountState | null, payload: EaCommandPayload): EaPosition | null {
  if (!state || !payload.comment) return null;
  return state.positions.find((p) => commentMatches(p.comment, payload.comment)) ?? null;
}

/** A fill found among the terminal's positions, recorded like an ack. */
export function positionToCommandResult(p: EaPosition): EaCommandResult {
  return { ticket: p.ticket, price: p.open_price, lots: p.lots, matched_position: true };
}

/** A final command (filled or rejected) as the broker result settleOrder records for its order. */
export function finalOrderResult(status: "filled" | "rejected", payload: EaCommandPayload, result: EaCommandResult): PlaceOrderResult {
  if (status === "rejected") {
    return { status: "rejected", reason: result.reason ?? "The MetaTrader terminal refused the order.", brokerCode: "ea_rejected" };
  }
  return {
    status: "filled",
    brokerOrderId: result.ticket,
    avgPrice: result.price,
    filledQty: result.lots ?? payload.lots ?? undefined,
  };
}

/**
 * findOrder's answer for one of our orders from its command and the terminal's last
 * reported state: the EA's ack when there is one; a position carrying the order's comment
 * (the EA executed it, then crashed or lost the ack); else where the command stands.
 */
export function commandOrderResult(cmd: CommandState, state: EaAccountState | null): PlaceOrderResult {
  if (cmd.status === "filled" || cmd.status === "rejected") return finalOrderResult(cmd.status, cmd.payload, cmd.result ?? {});
  if (cmd.action === "open") {
    const position = positionForCommand(state, cmd.payload);
    if (position) return finalOrderResult("filled", cmd.payload, positionToCommandResult(position));
  }
  if (cmd.status === "expired") return { status: "expired", reason: cmd.result?.reason ?? "The MetaTrader EA did not confirm the order in time." };
  if (cmd.status === "sent" && cmd.result?.pending_reported_at) {
    return { status: "pending", reason: "The MetaTrader EA collected the order but has not confirmed it yet." };
  }
  return { status: "submitted", reason: cmd.status === "queued" ? "Waiting for the MetaTrader EA to collect the order." : undefined };
}
