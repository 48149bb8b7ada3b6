import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";

export type LimiterSpec = { keyPrefix: string; points: number; duration: number };

/** Builds a rate limiter; injectable so unit tests never open a database. */
export type LimiterFactory = (spec: LimiterSpec) => Promise<RateLimiterAbstract>;

/** In-process limiters (tests, single process). */
export const memoryLimiterFactory: LimiterFactory = async (spec) => new RateLimiterMemory(spec);

/**
 * The deployment's limiter: with DATABASE_URL the Postgres-backed `createLimiter` shared by
 * every replica; without it an in-memory limiter (what `createLimiter` returns there too,
 * minus opening the embedded database just to find that out). Imported lazily because it
 * opens the database.
 */
export const sharedLimiterFactory: LimiterFactory = async (spec) => {
  if (!process.env.DATABASE_URL) return new RateLimiterMemory(spec);
  const { createLimiter } = await import("@/lib/http/limiter");
  return createLimiter(spec);
};
