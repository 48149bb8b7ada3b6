import { BrokerError } from "@/brokers/types";
import type { Clock } from "@/brokers/shared/clock";
import type { HealthTracker } from "@/brokers/shared/health-tracker";
import type { HttpResponse } from "@/brokers/shared/http-client";
import { asRecord, bool, num, str } from "@/brokers/shared/json";
import type { BrokerRateLimiter } from "@/brokers/shared/rate-limiter";

/** A Tradovate time penalty: HTTP 200 `{"p-ticket", "p-time", "p-captcha"?}` — the request was NOT handled. */
export type PenaltyTicket = { ticket: string; seconds: number; captcha: boolean };

/** Reads a penalty ticket from a response body, if it is one. */
export function readPenaltyTicket(body: unknown): PenaltyTicket | null {
  const r = asRecord(body);
  const ticket = str(r["p-ticket"]);
  if (!ticket) return null;
  return { ticket, seconds: num(r["p-time"]) ?? 0, captcha: bool(r["p-captcha"]) ?? false };
}

export type PenaltyOptions = {
  clock: Clock;
  limiter: BrokerRateLimiter;
  health: HealthTracker;
  /** Longest p-time this call will sit out before giving up (the ticket is then dropped). */
  maxWaitMs: number;
  /** How long to stop calling Tradovate after a captcha demand (docs: about an hour). */
  captchaPauseMs: number;
  /** Limiter scope the penalty applies to: penalties are per /24 subnet, so the whole deployment. */
  scope: string;
};

/**
 * Sends a request, honouring Tradovate penalty tickets (partner docs, "Rate Limits"): wait
 * p-time seconds, then resend the same body with `p-ticket` added. The deadline is shared
 * through the limiter so every other call of the deployment waits too. `p-captcha: true`
 * cannot be solved by a server: stop calling Tradovate for about an hour and report the
 * broker degraded. `send` receives the ticket to add (undefined on the first attempt).
 */
export async function sendWithPenalties(send: (ticket?: string) => Promise<HttpResponse>, opts: PenaltyOptions, maxTickets = 3): Promise<HttpResponse> {
  let ticket: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const res = await send(ticket);
    const penalty = readPenaltyTicket(res.body);
    if (!penalty) return res;
    const now = opts.clock.now();
    if (penalty.captcha) {
      const until = now + opts.captchaPauseMs;
      await opts.limiter.pause(opts.scope, { until, captcha: true });
      opts.health.degradeUntil(until);
      throw new BrokerError(
        "Tradovate asked for a captcha after too many requests from this server; Unify stops calling Tradovate for about an hour.",
        "rate_limited",
        "p-captcha",
      );
    }
    const waitMs = penalty.seconds * 1000;
    await opts.limiter.pause(opts.scope, { until: now + waitMs, captcha: false });
    opts.health.record("throttled");
    if (waitMs > opts.maxWaitMs || attempt + 1 >= maxTickets) {
      throw new BrokerError(`Tradovate imposed a ${penalty.seconds} s penalty on requests from this server; try again later.`, "rate_limited", "p-ticket");
    }
    await opts.clock.sleep(waitMs);
    ticket = penalty.ticket;
  }
}
