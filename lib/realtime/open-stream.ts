import type { SessionUser } from "@/lib/auth/authenticate";
import { ensureBuffering, eventsSince, onStreamEvent } from "./event-buffer";
import { formatSse, parseEventId, type StreamEvent } from "./stream-events";

export const HEARTBEAT_MS = 15_000;
// Price-driven P&L updates: at most one per position per 250 ms (≤ 4 per second).
export const MARK_INTERVAL_MS = 250;
// A client that stops reading (stalled tab, dead network path the kernel has not noticed yet)
// must not make the server queue its events without bound: past this many unread chunks the
// stream is closed, and the browser reconnects with Last-Event-ID to resume from the buffer.
export const MAX_BACKLOG_CHUNKS = 500;

/** Whether a user's stream carries this event: their own events, and health for everyone. */
export function visibleTo(user: SessionUser, e: StreamEvent): boolean {
  if (e.event === "health") return true;
  return e.userId === user.id;
}

/**
 * The user's Server-Sent Events stream: replays what they missed after Last-Event-ID,
 * then forwards their live events, coalescing price marks, with a heartbeat comment
 * every 15 s. Closes cleanly when the browser goes away.
 */
export async function openStream(user: SessionUser, lastEventId: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  await ensureBuffering();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) <= -MAX_BACKLOG_CHUNKS) return close();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const pendingMarks = new Map<string, StreamEvent>();
      const flushMarks = setInterval(() => {
        for (const e of pendingMarks.values()) send(formatSse(e));
        pendingMarks.clear();
      }, MARK_INTERVAL_MS);
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      const unsubscribe = onStreamEvent((e) => {
        if (!visibleTo(user, e)) return;
        const positionId = e.event === "position" ? String((e.data.position as { id: string } | undefined)?.id) : null;
        if (positionId && e.data.reason === "mark") {
          pendingMarks.set(positionId, e);
          return;
        }
        // A pending mark is older than this update (a close, a modify): sent after it, it would
        // show the position as it was before (a closed position open again on the dashboard).
        if (positionId) pendingMarks.delete(positionId);
        send(formatSse(e));
      });
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(flushMarks);
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      // The browser may have gone while the request was authenticated: no abort event follows then.
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      send(`retry: 3000\n: connected ${new Date().toISOString()}\n\n`);
      const after = parseEventId(lastEventId);
      if (after) for (const e of eventsSince(user.id, after)) if (visibleTo(user, e)) send(formatSse(e));
    },
    cancel() {
      cleanup();
    },
  });
}
