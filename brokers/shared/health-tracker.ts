import type { BrokerHealth } from "@/brokers/types";
import { systemClock, type Clock } from "./clock";

/**
 * What one broker call told us about the broker's availability. A broker that answers
 * with a business error (a rejected order, wrong credentials) is still up: that is "ok".
 */
export type CallOutcome = "ok" | "failed" | "throttled";

export type HealthTrackerOptions = {
  clock?: Clock;
  /** Only outcomes this recent count. */
  windowMs?: number;
  /** At most this many outcomes are kept. */
  maxSamples?: number;
};

/**
 * Broker health from recent call outcomes (a sliding window):
 * - down: the last 3 calls all failed, or at least half of ≥ 4 recent calls failed;
 * - degraded: any recent failure or throttling, or a forced degradation (a Tradovate
 *   captcha penalty) that has not expired;
 * - operational otherwise, including when there is no recent traffic.
 */
export class HealthTracker {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly maxSamples: number;
  private samples: { at: number; outcome: CallOutcome }[] = [];
  private degradedUntil = 0;

  constructor(opts: HealthTrackerOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.windowMs = opts.windowMs ?? 5 * 60_000;
    this.maxSamples = opts.maxSamples ?? 50;
  }

  /** Records the outcome of one call. */
  record(outcome: CallOutcome): void {
    this.samples.push({ at: this.clock.now(), outcome });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
  }

  /** Reports degraded until `until` (epoch ms) whatever the calls say. */
  degradeUntil(until: number): void {
    this.degradedUntil = Math.max(this.degradedUntil, until);
  }

  /** The current health. */
  status(): BrokerHealth {
    const now = this.clock.now();
    const recent = this.samples.filter((s) => now - s.at <= this.windowMs);
    const failed = recent.filter((s) => s.outcome === "failed").length;
    const lastThree = recent.slice(-3);
    if (lastThree.length === 3 && lastThree.every((s) => s.outcome === "failed")) return "down";
    if (recent.length >= 4 && failed / recent.length >= 0.5) return "down";
    if (now < this.degradedUntil) return "degraded";
    if (failed > 0 || recent.some((s) => s.outcome === "throttled")) return "degraded";
    return "operational";
  }
}
