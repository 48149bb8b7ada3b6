/**
 * Small pieces every broker fake uses: one-shot order faults, the controls every fake hands
 * its tests, a sliding-window rate counter, bearer-token parsing and revocation, JWT-shaped
 * tokens, id sequences.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { CommonControls, FakeCore, LoggedRequest } from "./fake-server";

/** One-shot faults on the next order the book executes (`rejectNextOrder`, `partialFillNext`). */
export class OrderFaults {
  private reject: string | undefined;
  private partial: number | undefined;

  armReject(reason: string): void {
    this.reject = reason;
  }

  armPartial(fraction: number): void {
    if (!(fraction > 0 && fraction < 1)) throw new Error(`partialFillNext expects a fraction between 0 and 1, got ${fraction}`);
    this.partial = fraction;
  }

  takeReject(): string | undefined {
    const reason = this.reject;
    this.reject = undefined;
    return reason;
  }

  takePartial(): number | undefined {
    const fraction = this.partial;
    this.partial = undefined;
    return fraction;
  }

  clear(): void {
    this.reject = undefined;
    this.partial = undefined;
  }
}

/** What every fake's book offers the shared controls: its one-shot faults, its prices, a reset to the seeded state. */
export type FakeBook = {
  readonly faults: OrderFaults;
  setPrice(symbol: string, price: number): void;
  reset(): void;
};

/** The controls every fake hands its tests; each fake's own type documents what they do at its broker. */
export type FakeControls<B extends FakeBook> = CommonControls & {
  book: B;
  rejectNextOrder(reason: string): void;
  partialFillNext(fraction: number): void;
  setPrice(symbol: string, price: number): void;
  reset(): void;
};

/**
 * The controls of a fake: the HTTP core's, the book's, and a `reset` that forgets requests,
 * violations and armed faults, reseeds the book, then runs `resetState` (the broker's own
 * tokens, rate windows, …).
 */
export function fakeControls<B extends FakeBook>(core: FakeCore, book: B, resetState: () => void): FakeControls<B> {
  return {
    baseUrl: core.baseUrl,
    requests: core.requests,
    violations: core.violations,
    failNextWith401: core.failNextWith401,
    respond429Next: core.respond429Next,
    delayNextMs: core.delayNextMs,
    dropNextConnection: core.dropNextConnection,
    close: core.close,
    book,
    rejectNextOrder: (reason) => book.faults.armReject(reason),
    partialFillNext: (fraction) => book.faults.armPartial(fraction),
    setPrice: (symbol, price) => book.setPrice(symbol, price),
    reset: () => {
      core.resetCore();
      book.reset();
      resetState();
    },
  };
}

/** Counts requests in a sliding window; `hit()` returns false once the limit is exceeded. */
export class RateWindow {
  private hits: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(now = Date.now()): boolean {
    this.hits = this.hits.filter((t) => now - t < this.windowMs);
    if (this.hits.length >= this.limit) return false;
    this.hits.push(now);
    return true;
  }

  /** Seconds until the oldest hit leaves the window. */
  secondsUntilFree(now = Date.now()): number {
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  clear(): void {
    this.hits = [];
  }
}

/** The token from `Authorization: Bearer <token>`, or undefined (also when the scheme is wrong). */
export function bearerToken(req: LoggedRequest): string | undefined {
  const header = req.headers["authorization"];
  const match = header?.match(/^Bearer\s+(\S+)$/);
  return match?.[1];
}

/** A fake's `revokeToken`: the bearer token of the request is no longer in `tokens` (its live tokens). */
export function revokeBearer(tokens: { delete(token: string): unknown }): (req: LoggedRequest) => void {
  return (req) => {
    const token = bearerToken(req);
    if (token) tokens.delete(token);
  };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A JWT-shaped token (HS256 over a per-fake secret) so a client that reads `exp` sees a real expiry. */
export function makeJwt(secret: string, claims: Record<string, string | number>): string {
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

export const randomSecret = () => randomBytes(16).toString("hex");
export const opaqueToken = () => randomBytes(24).toString("base64url");

/** Monotonic ids starting at `start`. */
export function idSequence(start: number): () => number {
  let next = start;
  return () => next++;
}

/** Rounds away float noise (prices, lots) to `decimals` places. */
export function round(value: number, decimals = 8): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `Retry-After` when the test asked for one; the brokers do not document sending it. */
export function retryAfterHeader(retryAfterSec: number | undefined): Record<string, string> {
  return retryAfterSec === undefined ? {} : { "retry-after": String(retryAfterSec) };
}
