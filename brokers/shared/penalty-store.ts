import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterFactory } from "./limiter-factory";

/** "Stop calling this broker until …", shared by every caller of the broker. */
export type Penalty = { until: number; captcha: boolean };

/**
 * Where penalty deadlines live. Tradovate counts penalties per /24 source subnet, so every
 * replica of a deployment must see the same state: the default for Postgres deployments
 * stores it through the shared rate-limiter table; the in-memory store serves one process
 * (the embedded default) and unit tests.
 */
export interface PenaltyStore {
  get(key: string, now: number): Promise<Penalty | null>;
  set(key: string, penalty: Penalty, now: number): Promise<void>;
}

/** Process-local penalty store. */
export function memoryPenaltyStore(): PenaltyStore {
  const entries = new Map<string, Penalty>();
  return {
    async get(key, now) {
      const p = entries.get(key);
      if (!p || p.until <= now) return null;
      return p;
    },
    async set(key, penalty) {
      const current = entries.get(key);
      if (!current || penalty.until >= current.until) entries.set(key, penalty);
    },
  };
}

/**
 * Penalty store on a rate limiter (rate-limiter-flexible's `block`), so a Postgres-backed
 * limiter shares it across replicas. The captcha flag is a second blocked key.
 */
export function limiterPenaltyStore(factory: LimiterFactory): PenaltyStore {
  let limiter: Promise<RateLimiterAbstract> | undefined;
  const get = () => (limiter ??= factory({ keyPrefix: "broker_penalty", points: 1, duration: 1 }));
  const remainingMs = async (key: string): Promise<number> => {
    const res = await (await get()).get(key);
    return res && res.consumedPoints > 1 ? res.msBeforeNext : 0;
  };
  return {
    async get(key, now) {
      const ms = await remainingMs(key);
      if (ms <= 0) return null;
      return { until: now + ms, captcha: (await remainingMs(`${key}:captcha`)) > 0 };
    },
    async set(key, penalty, now) {
      const seconds = Math.max(1, Math.ceil((penalty.until - now) / 1000));
      const l = await get();
      await l.block(key, seconds);
      if (penalty.captcha) await l.block(`${key}:captcha`, seconds);
    },
  };
}
