import { z } from "zod";

/** Timing of the MetaTrader bridge. Every value is in milliseconds. */
export type EaSettings = {
  /** A queued command the EA has not acknowledged within this time is overdue (default 30 s). */
  commandTimeoutMs: number;
  /**
   * After the timeout, a command the EA did collect but never acknowledged is reported
   * `pending` for this long before it is `expired` (default 30 s): the EA may have executed
   * it and lost the ack, and its next account_state can still show the position.
   */
  pendingGraceMs: number;
  /** A device that has not polled for this long marks its account `down` (default 10 s). */
  offlineAfterMs: number;
  /** How long close/close_all/cancel wait for the EA's ack before answering (default 2 s, inside the 2.5 s budget). */
  ackWaitMs: number;
};

const ms = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  UNIFY_EA_COMMAND_TIMEOUT_MS: ms(30_000, 1_000, 3_600_000),
  UNIFY_EA_PENDING_GRACE_MS: ms(30_000, 0, 3_600_000),
  UNIFY_EA_OFFLINE_AFTER_MS: ms(10_000, 1_000, 3_600_000),
  UNIFY_EA_ACK_WAIT_MS: ms(2_000, 0, 30_000),
});

/**
 * The bridge's timing from the environment (UNIFY_EA_COMMAND_TIMEOUT_MS,
 * UNIFY_EA_PENDING_GRACE_MS, UNIFY_EA_OFFLINE_AFTER_MS, UNIFY_EA_ACK_WAIT_MS), with the
 * defaults above. Throws a readable error naming the variable when one is out of range.
 */
export function eaSettings(env: Record<string, string | undefined> = process.env): EaSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    commandTimeoutMs: e.UNIFY_EA_COMMAND_TIMEOUT_MS,
    pendingGraceMs: e.UNIFY_EA_PENDING_GRACE_MS,
    offlineAfterMs: e.UNIFY_EA_OFFLINE_AFTER_MS,
    ackWaitMs: e.UNIFY_EA_ACK_WAIT_MS,
  };
}
