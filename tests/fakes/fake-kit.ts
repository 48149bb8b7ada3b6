/**
 * Small pieces every broker fake uses: one-shot order faults, a sliding-window rate
 * counter, bearer-token parsing, JWT-shaped tokens, id sequences.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { LoggedRequest } from "./fake-server";

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
