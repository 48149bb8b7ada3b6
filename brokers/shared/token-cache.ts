import { createHash } from "node:crypto";
import { systemClock, type Clock } from "./clock";

/** A broker session token with its expiry (epoch ms). Extra fields carry broker specifics. */
export type CachedToken = { accessToken: string; expiresAt: number };

export type TokenSource<T extends CachedToken> = {
  /** Full login with the credentials. */
  login(): Promise<T>;
  /** Extends the current token (refresh token, renew, validate); absent when the broker has none. */
  refresh?(current: T): Promise<T>;
};

/**
 * Session tokens per credential set, in memory only. Keys are SHA-256 digests of the
 * credentials, so the cache never holds a password or API key. Concurrent callers share
 * one login (single flight): Tradovate closes the oldest session when a user has more
 * than two, and failed logins count towards its per-IP limit.
 */
export class TokenCache<T extends CachedToken> {
  private readonly entries = new Map<string, T>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    /** Refresh this long before expiry. */
    private readonly refreshBeforeMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A valid token for `key`: cached, refreshed when close to expiry, else a new login. */
  get(key: string, source: TokenSource<T>): Promise<T> {
    const current = this.entries.get(key);
    const now = this.clock.now();
    if (current && current.expiresAt - now > this.refreshBeforeMs) return Promise.resolve(current);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const run = (async () => {
      try {
        let token: T | undefined;
        if (current && current.expiresAt > now && source.refresh) {
          // A failed refresh falls back to a full login rather than failing the call.
          token = await source.refresh(current).catch(() => undefined);
        }
        token ??= await source.login();
        this.entries.set(key, token);
        return token;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, run);
    return run;
  }

  /** Drops the token for `key` (after a 401), so the next `get` logs in again. */
  invalidate(key: string, token?: T): void {
    const current = this.entries.get(key);
    if (!token || current?.accessToken === token.accessToken) this.entries.delete(key);
  }

  /** The cached token without refreshing (tests, reads of broker-specific fields). */
  peek(key: string): T | undefined {
    return this.entries.get(key);
  }
}

/** A cache key for a credential set at a host; a digest, never the credentials themselves. */
export function credentialKey(broker: string, baseUrl: string, credentials: Record<string, string>): string {
  const hash = createHash("sha256");
  hash.update(`${broker}\n${baseUrl}\n`);
  for (const name of Object.keys(credentials).sort()) hash.update(`${name}=${credentials[name]}\n`);
  return hash.digest("base64url");
}

/** The `exp` claim of a JWT in epoch ms, or null when the token is not a readable JWT. */
export function jwtExpiryMs(token: string): number | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
