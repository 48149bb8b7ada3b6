import { BrokerError } from "@/brokers/types";
import { backoffDelayMs, parseRetryAfterMs } from "./backoff";
import type { Clock } from "./clock";
import type { HealthTracker } from "./health-tracker";
import type { BrokerRateLimiter } from "./rate-limiter";

export type HttpMethod = "GET" | "POST" | "DELETE" | "PATCH";

export type HttpRequest = {
  method: HttpMethod;
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to send twice (reads and searches). Only these are retried after a timeout, a
   * dropped connection or a 5xx: an order sent twice can fill twice, so an order call
   * that fails that way surfaces as an unknown outcome for the reconciler instead.
   */
  idempotent: boolean;
  /** Rate-limit scope: an account, a credential set, or "deployment". */
  scope: string;
  /** Overrides the per-call timeout. */
  timeoutMs?: number;
};

export type HttpResponse = { status: number; headers: Headers; body: unknown };

export type HttpClientOptions = {
  brokerName: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs: () => number;
  limiter: BrokerRateLimiter;
  health: HealthTracker;
  /** Attempts for idempotent calls (first try included). */
  maxAttempts?: number;
  /** How long a 429 without Retry-After pauses the scope; default a short backoff. */
  defaultRetryAfterMs?: number;
  random?: () => number;
};

class TransportFailure extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? "timeout" : "connection failed");
  }
}

/**
 * JSON over HTTP to one broker with a timeout per call, bounded retries with backoff for
 * idempotent calls only, HTTP 429 handling that honours Retry-After (a 429 means the broker
 * did not handle the request, so even an order may be sent again once), the broker's rate
 * limiter, and health bookkeeping. Broker answers are returned whatever their status; the
 * adapters read business errors from the bodies (they often come with HTTP 200).
 */
export class BrokerHttpClient {
  private readonly maxAttempts: number;

  constructor(private readonly opts: HttpClientOptions) {
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  /** Sends one request to `baseUrl`; throws BrokerError for transport failures. */
  async request(baseUrl: string, req: HttpRequest): Promise<HttpResponse> {
    const { clock, health, limiter, brokerName } = this.opts;
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs();
    await limiter.acquire(req.scope, timeoutMs);
    const url = buildUrl(baseUrl, req.path, req.query);
    let throttledOnce = false;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.send(url, req, timeoutMs);
      } catch (err) {
        if (!(err instanceof TransportFailure)) throw err;
        health.record("failed");
        if (req.idempotent && attempt < this.maxAttempts) {
          await clock.sleep(backoffDelayMs(attempt, 100, 1_000, this.opts.random));
          continue;
        }
        throw err.timedOut
          ? new BrokerError(`${brokerName} did not answer within ${timeoutMs} ms.`, "timeout")
          : new BrokerError(`Could not reach ${brokerName}: the connection failed.`, "unavailable");
      }
      if (res.status === 429) {
        health.record("throttled");
        const waitMs =
          parseRetryAfterMs(res.headers.get("retry-after"), clock.now()) ?? this.opts.defaultRetryAfterMs ?? backoffDelayMs(attempt, 1_000, 10_000, this.opts.random);
        await limiter.pause(req.scope, { until: clock.now() + waitMs, captcha: false });
        if (!throttledOnce && waitMs <= timeoutMs) {
          throttledOnce = true;
          await clock.sleep(waitMs);
          continue;
        }
        throw new BrokerError(
          `${brokerName} is rate-limiting requests; try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`,
          "rate_limited",
          "429",
        );
      }
      if (res.status >= 500) {
        health.record("failed");
        if (req.idempotent && attempt < this.maxAttempts) {
          await clock.sleep(backoffDelayMs(attempt, 100, 1_000, this.opts.random));
          continue;
        }
        throw new BrokerError(`${brokerName} reported a server error (HTTP ${res.status}).`, "unavailable", String(res.status));
      }
      health.record("ok");
      return res;
    }
  }

  private async send(url: string, req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
      if (req.body !== undefined) headers["Content-Type"] = "application/json";
      const res = await this.opts.fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      // The body is read under the same deadline: a connection cut mid-body is a transport failure.
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: parseBody(text) };
    } catch (err) {
      if (err instanceof BrokerError) throw err;
      throw new TransportFailure(controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }
}

function buildUrl(baseUrl: string, path: string, query?: HttpRequest["query"]): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
