import type { Clock } from "../clock";

/** A clock tests move by hand; `sleep` advances it instantly and records the wait. */
export type ManualClock = Clock & { advance(ms: number): void; sleeps: number[] };

/** Creates a manual clock starting at `start` (epoch ms). */
export function manualClock(start = Date.UTC(2025, 10, 3, 15, 0, 0)): ManualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}
