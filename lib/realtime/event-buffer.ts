import { getBus } from "@/lib/events";
import { toStreamEvent, type StreamEvent } from "./stream-events";

// Enough recent events per user to bridge a reconnect (a few minutes of activity).
const PER_USER = 300;
const MAX_AGE_MS = 5 * 60_000;

type Listener = (e: StreamEvent) => void;
type Buffered = StreamEvent & { seq: number };
type Store = { byUser: Map<string, Buffered[]>; listeners: Set<Listener>; seq: number; started?: Promise<void> };
const store = globalThis as unknown as { __unifyStreamBuffer?: Store };

function buffer(): Store {
  store.__unifyStreamBuffer ??= { byUser: new Map(), listeners: new Set(), seq: 0 };
  return store.__unifyStreamBuffer;
}

const SWEEP_EVERY = 1_000;

const markedPosition = (e: StreamEvent): string | null =>
  e.event === "position" && e.data.reason === "mark" ? String((e.data.position as { id?: string } | undefined)?.id) : null;

function sweep(s: Store) {
  const oldest = Date.now() - MAX_AGE_MS;
  for (const [key, list] of s.byUser) {
    while (list.length && list[0].at < oldest) list.shift();
    if (!list.length) s.byUser.delete(key);
  }
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
      // Price marks arrive several times a second per position and only the latest one matters on a
      // resume: kept one per position, they cannot push orders, logs and closes out of the window.
      const markOf = markedPosition(e);
      if (markOf) {
        const previous = list.findIndex((b) => markedPosition(b) === markOf);
        if (previous >= 0) list.splice(previous, 1);
      }
      list.push({ ...e, seq: ++s.seq });
      while (list.length > PER_USER || (list.length && list[0].at < Date.now() - MAX_AGE_MS)) list.shift();
      s.byUser.set(key, list);
      // Now and then, drop what users who went quiet left behind (their lists are only trimmed on their own events).
      if (s.seq % SWEEP_EVERY === 0) sweep(s);
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
  const mine = [...(s.byUser.get(userId) ?? []), ...(s.byUser.get("*") ?? [])].sort((a, b) => a.seq - b.seq);
  // Several events often share a millisecond (an alert's order, position and webhook events):
  // resume right after the one last seen, in arrival order, so none is sent twice.
  const seen = mine.findLastIndex((e) => e.id === after.id);
  const missed = seen >= 0 ? mine.slice(seen + 1) : mine.filter((e) => e.at >= after.at);
  return missed.map(({ seq: _seq, ...e }) => e);
}

/** Tests: a new bus needs a new subscription. */
export function resetStreamBuffer() {
  store.__unifyStreamBuffer = undefined;
}
