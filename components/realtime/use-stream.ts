"use client";

import { useEffect, useRef, useState } from "react";

export type StreamEventName = "position" | "order" | "log" | "health" | "account" | "webhook" | "risk";
export type StreamHandler = (event: StreamEventName, data: Record<string, unknown>) => void;
export type StreamState = "connecting" | "open" | "reconnecting";

/**
 * Subscribes to /api/unify/v1/stream (Server-Sent Events). EventSource reconnects by
 * itself and sends Last-Event-ID, so the server replays what was missed. Handlers see
 * every event of the signed-in user; the returned state drives a "live" indicator.
 */
export function useStream(handler: StreamHandler, events: StreamEventName[] = ["position", "order", "log", "health", "account", "webhook", "risk"]): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  const key = events.join(",");
  useEffect(() => {
    const source = new EventSource("/api/unify/v1/stream");
    source.onopen = () => setState("open");
    source.onerror = () => setState("reconnecting");
    const listeners = key.split(",").map((name) => {
      const listener = (e: MessageEvent) => {
        try {
          handlerRef.current(name as StreamEventName, JSON.parse(e.data) as Record<string, unknown>);
        } catch {
          // A malformed event is skipped; the next one will come.
        }
      };
      source.addEventListener(name, listener);
      return [name, listener] as const;
    });
    return () => {
      for (const [name, l] of listeners) source.removeEventListener(name, l);
      source.close();
    };
  }, [key]);
  return state;
}
