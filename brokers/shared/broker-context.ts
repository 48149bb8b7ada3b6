import { brokerTimeoutMs } from "./base-urls";
import { systemClock, type Clock } from "./clock";
import { HealthTracker } from "./health-tracker";
import { BrokerHttpClient } from "./http-client";
import { sharedLimiterFactory, type LimiterFactory } from "./limiter-factory";
import { limiterPenaltyStore, memoryPenaltyStore, type PenaltyStore } from "./penalty-store";
import { BrokerRateLimiter, type RateSpec } from "./rate-limiter";

/** What an adapter can be given instead of the real world (tests inject all of it). */
export type AdapterDeps = {
  fetch?: typeof fetch;
  clock?: Clock;
  /** Per-call timeout; default BROKER_TIMEOUT_MS (8000 ms). */
  timeoutMs?: number;
  limiterFactory?: LimiterFactory;
  penaltyStore?: PenaltyStore;
  random?: () => number;
};

/** The shared machinery one adapter instance uses for every call. */
export type BrokerContext = {
  http: BrokerHttpClient;
  limiter: BrokerRateLimiter;
  health: HealthTracker;
  clock: Clock;
  timeoutMs: () => number;
  /** The limiter factory and penalty store in use, for extra limiters (Tradovate's auth budget). */
  limiterFactory: LimiterFactory;
  penalties: PenaltyStore;
};

const store = globalThis as unknown as { __unifyBrokerPenalties?: PenaltyStore };

/**
 * The deployment's penalty store, chosen on first use: shared through Postgres when
 * DATABASE_URL is set (all replicas share the server's IP range), else process memory.
 */
function defaultPenaltyStore(): PenaltyStore {
  let chosen: PenaltyStore | undefined;
  const pick = () => (chosen ??= store.__unifyBrokerPenalties ??= process.env.DATABASE_URL ? limiterPenaltyStore(sharedLimiterFactory) : memoryPenaltyStore());
  return { get: (k, now) => pick().get(k, now), set: (k, p, now) => pick().set(k, p, now) };
}

/** Broker-specific HTTP behaviour. */
export type BrokerHttpPolicy = { defaultRetryAfterMs?: number };

/** Builds the HTTP client, rate limiter and health tracker of one broker adapter. */
export function createBrokerContext(brokerName: string, keyPrefix: string, spec: RateSpec, deps: AdapterDeps = {}, policy: BrokerHttpPolicy = {}): BrokerContext {
  const clock = deps.clock ?? systemClock;
  const timeoutMs = () => deps.timeoutMs ?? brokerTimeoutMs();
  const health = new HealthTracker({ clock });
  const limiterFactory = deps.limiterFactory ?? sharedLimiterFactory;
  const penalties = deps.penaltyStore ?? defaultPenaltyStore();
  const limiter = new BrokerRateLimiter({ brokerName, keyPrefix, spec, factory: limiterFactory, penalties, clock });
  const http = new BrokerHttpClient({
    brokerName,
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    timeoutMs,
    limiter,
    health,
    random: deps.random,
    defaultRetryAfterMs: policy.defaultRetryAfterMs,
  });
  return { http, limiter, health, clock, timeoutMs, limiterFactory, penalties };
}
