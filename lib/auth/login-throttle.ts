import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createLimiter } from "@/lib/http/limiter";
import { AppError } from "@/lib/http/errors";

// Failed logins allowed per 15 minutes before the account (email) or the IP is paused.
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
const WINDOW_SECONDS = 15 * 60;

type Limiters = { account: RateLimiterAbstract; ip: RateLimiterAbstract };
const store = globalThis as unknown as { __unifyLoginLimiters?: Promise<Limiters> };

function limiters(): Promise<Limiters> {
  store.__unifyLoginLimiters ??= (async () => ({
    account: await createLimiter({ keyPrefix: "login_acct", points: MAX_FAILURES_PER_ACCOUNT, duration: WINDOW_SECONDS }),
    ip: await createLimiter({ keyPrefix: "login_ip", points: MAX_FAILURES_PER_IP, duration: WINDOW_SECONDS }),
  }))();
  return store.__unifyLoginLimiters;
}

/**
 * Counts an attempt against the account and the IP *before* the password (or code) is
 * checked, and throws 429 once either has used up its allowance. Counting first is what
 * makes the limit hold under concurrency: a check-then-record throttle lets a burst of
 * parallel guesses all pass the check before the first failure is recorded.
 * A success gives the attempt back (settleLoginSuccess); a failure keeps it.
 */
export async function claimLoginAttempt(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters();
  const results = await Promise.allSettled([account.consume(email, 1), byIp.consume(ip, 1)]);
  let waitMs = 0;
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
    waitMs = Math.max(waitMs, r.reason.msBeforeNext);
  }
  if (waitMs > 0) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts. Wait a few minutes and try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** Gives back an attempt that was not a failure (right password, 2FA code still to come). */
export async function refundLoginAttempt(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters();
  await Promise.all([account.reward(email, 1), byIp.reward(ip, 1)]);
}

/** A successful login clears the account's failures and gives the IP its attempt back (earlier failures stay). */
export async function settleLoginSuccess(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters();
  await Promise.all([account.delete(email), byIp.reward(ip, 1)]);
}
