"use client";

import { useEffect, useRef } from "react";

/**
 * Wraps an async task so bursts of calls run it at most once at a time: a call that
 * arrives while it runs makes exactly one more run afterwards (nothing is missed,
 * nothing piles up). Always runs the latest version of the task.
 */
export function useCoalesced(task: () => Promise<void>): () => void {
  const latest = useRef(task);
  const state = useRef({ running: false, again: false });
  useEffect(() => {
    latest.current = task;
  });
  const run = useRef(async function go(): Promise<void> {
    if (state.current.running) {
      state.current.again = true;
      return;
    }
    state.current.running = true;
    try {
      await latest.current();
    } finally {
      state.current.running = false;
      if (state.current.again) {
        state.current.again = false;
        void go();
      }
    }
  });
  return () => void run.current();
}
