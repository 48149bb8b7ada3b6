import type { Queryable } from "@/lib/db/types";
import { getBus } from "@/lib/events";
import { redact } from "./logger";

export type UserLogEntry = {
  user_id: string;
  level: "debug" | "info" | "warn" | "error";
  /** What kind of activity: account, order, risk, webhook, auth, billing, system. */
  type: string;
  message: string;
  data?: Record<string, unknown>;
  correlation_id?: string | null;
};

/** Writes an entry to the user's activity log (the logs table) inside the caller's transaction. */
export async function writeUserLog(tx: Queryable, entry: UserLogEntry): Promise<void> {
  await tx.query(
    "insert into public.logs (user_id, level, type, message, data, correlation_id) values ($1, $2, $3, $4, $5, $6)",
    [entry.user_id, entry.level, entry.type, entry.message, entry.data ? JSON.stringify(redact(entry.data)) : null, entry.correlation_id ?? null],
  );
}

/** Publishes a log entry to the user's live stream (call after the transaction committed). */
export async function publishUserLog(entry: UserLogEntry): Promise<void> {
  const bus = await getBus();
  await bus.publish("log.entry", {
    user_id: entry.user_id,
    correlation_id: entry.correlation_id ?? null,
    at: new Date().toISOString(),
    level: entry.level,
    type: entry.type,
    message: entry.message,
    data: entry.data ? redact(entry.data) : undefined,
  });
}
