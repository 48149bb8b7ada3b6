import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { BrokerError } from "@/brokers/types";
import type { Clock } from "./clock";
import type { LimiterFactory } from "./limiter-factory";
import type { Penalty, PenaltyStore } from "./penalty-store";

/** A budget of `points` calls per `seconds`. */
export type RateSpec = { points: number; seconds: number };

/** Reads "points/seconds" (e.g. "200/60") from an environment value, else the fallback. */
export function parseRateSpec(raw: string | undefined, fallback: RateSpec): RateSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw ?? "");
  if (!match) return fallback;
  const points = Number(match[1]);
  const seconds = Number(match[2]);
  return points > 0 && seconds > 0 ? { points, seconds } : fallback;
}

export type BrokerRateLimiterOptions = {
  /** Names the limiter's keys and error messages ("TradeLocker"). */
  brokerName: string;
  keyPrefix: string;
  spec: RateSpec;
  factory: LimiterFactory;
  penalties: PenaltyStore;
  clock: Clock;
};

/**
 * Per-broker client-side rate limiting plus the broker's own "back off until" answers
 * (HTTP 429 Retry-After, Tradovate penalty tickets). Calls wait for a free slot while the
 * wait fits their budget, otherwise fail fast with a `rate_limited` BrokerError instead of
 * earning a longer penalty. The limiter is created lazily: the shared one opens the database.
 */
export class BrokerRateLimiter {
  private limiter?: Promise<RateLimiterAbstract>;
  private lastPenalty: Penalty | null = null;

  constructor(private readonly opts: BrokerRateLimiterOptions) {}

  private get(): Promise<RateLimiterAbstract> {
    this.limiter ??= this.opts.factory({
      keyPrefix: this.opts.keyPrefix,
      points: this.opts.spec.points,
      duration: this.opts.spec.seconds,
    });
    this.limiter.catch(() => (this.limiter = undefined));
    return this.limiter;
  }

  /** The latest penalty this process knows of (for health), null once expired. */
  knownPenalty(): Penalty | null {
    if (this.lastPenalty && this.lastPenalty.until <= this.opts.clock.now()) this.lastPenalty = null;
    return this.lastPenalty;
  }

  /** Stops calls in `scope` until `until` (epoch ms); shared through the penalty store. */
  async pause(scope: string, penalty: Penalty): Promise<void> {
    this.lastPenalty = penalty;
    await this.opts.penalties.set(`${this.opts.keyPrefix}:${scope}`, penalty, this.opts.clock.now());
  }

  /** Waits for the right to call the broker in `scope`, at most `maxWaitMs`. */
  async acquire(scope: string, maxWaitMs: number): Promise<void> {
    const { clock, brokerName } = this.opts;
    const deadline = clock.now() + maxWaitMs;
    const penalty = await this.opts.penalties.get(`${this.opts.keyPrefix}:${scope}`, clock.now());
    if (penalty) {
      this.lastPenalty = penalty;
      const wait = penalty.until - clock.now();
      if (penalty.captcha) {
        throw new BrokerError(
          `${brokerName} asked for a captcha after too many requests from this server; calls are paused for ${minutes(wait)}.`,
          "rate_limited",
        );
      }
      if (clock.now() + wait > deadline) {
        throw new BrokerError(`${brokerName} is limiting requests from this server; try again in ${seconds(wait)}.`, "rate_limited");
      }
      await clock.sleep(wait);
    }
    for (;;) {
      let limiter: RateLimiterAbstract;
      try {
        limiter = await this.get();
        await limiter.consume(scope, 1);
        return;
      } catch (err) {
        // Only a full bucket blocks; a failing limiter store must not stop trading.
        if (!(err instanceof RateLimiterRes)) return;
        const wait = err.msBeforeNext;
        if (clock.now() + wait > deadline) {
          throw new BrokerError(
            `Too many requests to ${brokerName} right now; Unify holds back to avoid a broker penalty. Try again in ${seconds(wait)}.`,
            "rate_limited",
          );
        }
        await clock.sleep(wait);
      }
    }
  }
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

function minutes(ms: number): string {
  return `about ${Math.max(1, Math.round(ms / 60_000))} min`;
}
