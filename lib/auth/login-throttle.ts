import type { RateLimiterAbstract } from "rate-limiter-flexible";
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

/** Throws 429 while the account or the IP has used up its failed attempts. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters();
  const [a, i] = await Promise.all([account.get(email), byIp.get(ip)]);
  const waits = [
    a && a.consumedPoints >= MAX_FAILURES_PER_ACCOUNT ? a.msBeforeNext : 0,
    i && i.consumedPoints >= MAX_FAILURES_PER_IP ? i.msBeforeNext : 0,
  ];
  const wait = Math.max(...waits);
  if (wait > 0) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts. Wait a few minutes and try again.", {
      retryAfterSeconds: wait / 1000,
    });
  }
}

/** Counts one failed attempt against the account and the IP. */
export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters();
  await Promise.all([account.penalty(email, 1), byIp.penalty(ip, 1)]);
}

/** A successful login clears the account's failures (the IP's stay). */
export async function clearLoginFailures(email: string): Promise<void> {
  const { account } = await limiters();
  await account.delete(email);
}
