import crypto from "node:crypto";
import type { BusEvent } from "@/lib/events";
import type { Subject } from "@/lib/events/subjects";

/** SSE event names the browser listens for, by bus subject (api.md: position, order, log, health, account). */
export const SSE_EVENT: Partial<Record<Subject, string>> = {
  "position.update": "position",
  "order.status": "order",
  "log.entry": "log",
  "ops.health": "health",
  "account.update": "account",
  "webhook.received": "webhook",
  "risk.blocked": "risk",
};

export type StreamEvent = { id: string; at: number; event: string; userId: string | null; data: Record<string, unknown> };

/**
 * A bus event as an SSE event. The id is the event time plus a hash of its content, so
 * every replica (each receives the same NATS messages) gives an event the same id, and
 * a browser reconnecting to another replica resumes with Last-Event-ID.
 */
export function toStreamEvent(e: BusEvent): StreamEvent | null {
  const name = SSE_EVENT[e.subject];
  if (!name) return null;
  const payload = e.payload as Record<string, unknown> & { user_id: string | null; at: string };
  const at = Date.parse(payload.at) || Date.now();
  const hash = crypto.createHash("sha1").update(e.subject).update(JSON.stringify(payload)).digest("hex").slice(0, 10);
  const { user_id, ...data } = payload;
  return { id: `${at}-${hash}`, at, event: name, userId: user_id, data };
}

/** Parses a Last-Event-ID we issued. */
export function parseEventId(id: string | null): { at: number; id: string } | null {
  if (!id) return null;
  const at = Number(id.split("-")[0]);
  return Number.isFinite(at) && at > 0 ? { at, id } : null;
}

export function formatSse(e: StreamEvent): string {
  return `id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}
