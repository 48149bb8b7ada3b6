import { describe, expect, test } from "vitest";
import { credentialKey, jwtExpiryMs, TokenCache, type CachedToken } from "./token-cache";
import { manualClock } from "./testing/manual-clock";

function source(clock: { now(): number }, lifetimeMs: number) {
  const calls = { login: 0, refresh: 0 };
  return {
    calls,
    login: async (): Promise<CachedToken> => {
      calls.login++;
      return { accessToken: `login-${calls.login}`, expiresAt: clock.now() + lifetimeMs };
    },
    refresh: async (): Promise<CachedToken> => {
      calls.refresh++;
      return { accessToken: `refresh-${calls.refresh}`, expiresAt: clock.now() + lifetimeMs };
    },
  };
}

describe("TokenCache", () => {
  test("reuses a token until it is close to expiry, then refreshes it", async () => {
    const clock = manualClock();
    const cache = new TokenCache<CachedToken>(15 * 60_000, clock);
    const src = source(clock, 90 * 60_000);
    expect((await cache.get("k", src)).accessToken).toBe("login-1");
    clock.advance(70 * 60_000);
    expect((await cache.get("k", src)).accessToken).toBe("login-1");
    clock.advance(6 * 60_000);
    expect((await cache.get("k", src)).accessToken).toBe("refresh-1");
    expect(src.calls).toEqual({ login: 1, refresh: 1 });
  });

  test("logs in again when the token already expired", async () => {
    const clock = manualClock();
    const cache = new TokenCache<CachedToken>(60_000, clock);
    const src = source(clock, 120_000);
    await cache.get("k", src);
    clock.advance(121_000);
    expect((await cache.get("k", src)).accessToken).toBe("login-2");
    expect(src.calls.refresh).toBe(0);
  });

  test("falls back to login when the refresh fails", async () => {
    const clock = manualClock();
    const cache = new TokenCache<CachedToken>(60_000, clock);
    const src = source(clock, 120_000);
    await cache.get("k", src);
    clock.advance(90_000);
    const token = await cache.get("k", { login: src.login, refresh: async () => Promise.reject(new Error("expired")) });
    expect(token.accessToken).toBe("login-2");
  });

  test("concurrent callers share one login", async () => {
    const clock = manualClock();
    const cache = new TokenCache<CachedToken>(60_000, clock);
    const src = source(clock, 3_600_000);
    const tokens = await Promise.all([cache.get("k", src), cache.get("k", src), cache.get("k", src)]);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(src.calls.login).toBe(1);
  });

  test("invalidate drops only the token it was given", async () => {
    const clock = manualClock();
    const cache = new TokenCache<CachedToken>(60_000, clock);
    const src = source(clock, 3_600_000);
    const first = await cache.get("k", src);
    cache.invalidate("k", { accessToken: "someone-else", expiresAt: 0 });
    expect(cache.peek("k")).toBe(first);
    cache.invalidate("k", first);
    expect(cache.peek("k")).toBeUndefined();
  });
});

describe("credentialKey", () => {
  test("is a digest that does not contain the secrets and depends on every field", () => {
    const a = credentialKey("tradovate", "https://x", { username: "u", password: "hunter2" });
    expect(a).not.toContain("hunter2");
    expect(a).toBe(credentialKey("tradovate", "https://x", { password: "hunter2", username: "u" }));
    expect(a).not.toBe(credentialKey("tradovate", "https://x", { username: "u", password: "hunter3" }));
    expect(a).not.toBe(credentialKey("tradovate", "https://y", { username: "u", password: "hunter2" }));
  });
});

describe("jwtExpiryMs", () => {
  test("reads exp from a JWT and ignores anything else", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_800_000_000 })).toString("base64url");
    expect(jwtExpiryMs(`h.${payload}.s`)).toBe(1_800_000_000_000);
    expect(jwtExpiryMs("opaque-token")).toBeNull();
    expect(jwtExpiryMs("a.b.c")).toBeNull();
  });
});
