import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb } from "@/lib/db/connection";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

/**
 * A rate limiter shared by every replica: counters in Postgres (rate_limits table) when
 * DATABASE_URL is set, in memory for the embedded single-process default.
 */
export async function createLimiter(opts: LimiterOptions): Promise<RateLimiterAbstract> {
  const db = await getDb();
  if (db.pool) {
    return new RateLimiterPostgres({
      ...opts,
      storeClient: db.pool,
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: true,
    });
  }
  return new RateLimiterMemory(opts);
}

/** Consumes points; returns null when allowed, else the seconds to wait. */
export async function consume(limiter: RateLimiterAbstract, key: string, points = 1): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw res;
  }
}
