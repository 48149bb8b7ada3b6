import type { Queryable } from "@/lib/db/types";
import { sqlParams, type SqlParams } from "@/lib/db/sql-params";
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

/** The insert of an entry into the user's activity log (the logs table), secrets in its data redacted. */
function insertUserLog(p: SqlParams, entry: UserLogEntry): string {
  const data = entry.data ? JSON.stringify(redact(entry.data)) : null;
  return `insert into public.logs (user_id, level, type, message, data, correlation_id)
       values (${p(entry.user_id)}::uuid, ${p(entry.level)}, ${p(entry.type)}, ${p(entry.message)}, ${p(data)}::jsonb, ${p(entry.correlation_id ?? null)})`;
}

/** Writes an entry to the user's activity log inside the caller's transaction. */
export async function writeUserLog(tx: Queryable, entry: UserLogEntry): Promise<void> {
  const p = sqlParams();
  await tx.query(insertUserLog(p, entry), p.values);
}

/** The same write as the CTE `lg` of a larger statement (the hot path counts round trips). */
export function userLogCte(p: SqlParams, entry: UserLogEntry): string {
  return `lg as (${insertUserLog(p, entry)})`;
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
