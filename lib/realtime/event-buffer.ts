import { getBus } from "@/lib/events";
import { toStreamEvent, type StreamEvent } from "./stream-events";

// Enough recent events per user to bridge a reconnect (a few minutes of activity).
const PER_USER = 300;
const MAX_AGE_MS = 5 * 60_000;

type Listener = (e: StreamEvent) => void;
type Store = { byUser: Map<string, StreamEvent[]>; listeners: Set<Listener>; started?: Promise<void> };
const store = globalThis as unknown as { __unifyStreamBuffer?: Store };

function buffer(): Store {
  store.__unifyStreamBuffer ??= { byUser: new Map(), listeners: new Set() };
  return store.__unifyStreamBuffer;
}

/** Subscribes this process to the bus once, keeping recent events per user for resumes. */
export function ensureBuffering(): Promise<void> {
  const s = buffer();
  s.started ??= (async () => {
    const bus = await getBus();
    bus.subscribe("*", (raw) => {
      const e = toStreamEvent(raw);
      if (!e) return;
      const key = e.userId ?? "*";
      const list = s.byUser.get(key) ?? [];
      list.push(e);
      while (list.length > PER_USER || (list.length && list[0].at < Date.now() - MAX_AGE_MS)) list.shift();
      s.byUser.set(key, list);
      for (const l of s.listeners) l(e);
    });
  })();
  return s.started;
}

/** Live events from now on. Returns the unsubscribe function. */
export function onStreamEvent(listener: Listener): () => void {
  const s = buffer();
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

/** Buffered events for a user (and broadcast ones) after a Last-Event-ID. */
export function eventsSince(userId: string, after: { at: number; id: string }): StreamEvent[] {
  const s = buffer();
  const mine = [...(s.byUser.get(userId) ?? []), ...(s.byUser.get("*") ?? [])];
  return mine.filter((e) => e.at >= after.at && e.id !== after.id).sort((a, b) => a.at - b.at);
}

/** Tests: a new bus needs a new subscription. */
export function resetStreamBuffer() {
  store.__unifyStreamBuffer = undefined;
}
