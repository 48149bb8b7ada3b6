"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";

export type StreamEventName = "position" | "order" | "log" | "health" | "account" | "webhook" | "risk";
export type StreamHandler = (event: StreamEventName, data: Record<string, unknown>) => void;
export type StreamState = "connecting" | "open" | "reconnecting";

const ALL_EVENTS: StreamEventName[] = ["position", "order", "log", "health", "account", "webhook", "risk"];

type Subscriber = { events: Set<string>; deliver: StreamHandler };

/**
 * One EventSource per tab, shared by every hook. Each open stream holds an HTTP/1.1
 * connection for as long as the page lives and browsers allow six per host, so a
 * layout banner plus a few live islands (in two tabs) would otherwise starve every
 * other request.
 */
const shared = {
  source: null as EventSource | null,
  state: "connecting" as StreamState,
  attached: new Set<string>(),
  subscribers: new Set<Subscriber>(),
  stateListeners: new Set<() => void>(),
  closeTimer: null as ReturnType<typeof setTimeout> | null,
};

function setState(state: StreamState) {
  if (shared.state === state) return;
  shared.state = state;
  for (const l of shared.stateListeners) l();
}

function ensureSource(): EventSource {
  if (shared.closeTimer) clearTimeout(shared.closeTimer);
  shared.closeTimer = null;
  return shared.source ?? openSource(0);
}

function openSource(failures: number): EventSource {
  const source = new EventSource("/api/unify/v1/stream");
  source.onopen = () => {
    failures = 0;
    setState("open");
  };
  source.onerror = () => {
    setState("reconnecting");
    // EventSource retries network errors by itself, but gives up for good on an HTTP error
    // (a proxy's 502 during a deploy): then start a new one, backing off up to 30 s.
    if (source.readyState !== EventSource.CLOSED || shared.source !== source) return;
    failures += 1;
    setTimeout(() => {
      if (shared.source !== source) return;
      shared.source = null;
      if (shared.subscribers.size) openSource(failures);
    }, Math.min(30_000, 1_000 * 2 ** failures));
  };
  shared.source = source;
  shared.attached = new Set();
  for (const s of shared.subscribers) for (const name of s.events) attach(source, name);
  if (failures === 0) setState("connecting");
  return source;
}

function attach(source: EventSource, name: string) {
  if (shared.attached.has(name)) return;
  shared.attached.add(name);
  source.addEventListener(name, (e: MessageEvent) => {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(e.data) as Record<string, unknown>;
    } catch {
      return; // A malformed event is skipped; the next one will come.
    }
    for (const s of shared.subscribers) if (s.events.has(name)) s.deliver(name as StreamEventName, data);
  });
}

function subscribe(subscriber: Subscriber): () => void {
  const source = ensureSource();
  for (const name of subscriber.events) attach(source, name);
  shared.subscribers.add(subscriber);
  return () => {
    shared.subscribers.delete(subscriber);
    if (shared.subscribers.size) return;
    // Closed a moment later, so a page change (unmount then mount) keeps the same stream.
    shared.closeTimer = setTimeout(() => {
      if (shared.subscribers.size) return;
      shared.source?.close();
      shared.source = null;
      setState("connecting");
    }, 1_000);
  };
}

function subscribeState(cb: () => void) {
  shared.stateListeners.add(cb);
  return () => shared.stateListeners.delete(cb);
}

/**
 * Subscribes to /api/unify/v1/stream (Server-Sent Events). EventSource reconnects by
 * itself and sends Last-Event-ID, so the server replays what was missed. Handlers see
 * every event of the signed-in user; the returned state drives a "live" indicator.
 */
export function useStream(handler: StreamHandler, events: StreamEventName[] = ALL_EVENTS): StreamState {
  const state = useSyncExternalStore(subscribeState, () => shared.state, () => "connecting" as StreamState);
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  const key = events.join(",");
  useEffect(() => subscribe({ events: new Set(key.split(",")), deliver: (name, data) => handlerRef.current(name, data) }), [key]);
  return state;
}
