/**
 * Exponential backoff with full jitter for retried idempotent calls: attempt 1 waits up to
 * base, attempt 2 up to 2×base…, never more than cap. `random` is injectable for tests.
 */
export function backoffDelayMs(attempt: number, baseMs = 100, capMs = 1_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Milliseconds a `Retry-After` header asks us to wait (RFC 9110: delay-seconds or an
 * HTTP-date). Null when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
