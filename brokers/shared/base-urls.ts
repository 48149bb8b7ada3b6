import type { AccountMode } from "@/brokers/types";

/**
 * Broker hosts. Read from the environment on every call (not cached) so tests can point
 * adapters at local contract fakes, and operators can switch hosts without a rebuild.
 */

function fromEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value.replace(/\/+$/, "") : undefined;
}

/** TradeLocker: `https://{demo|live}.tradelocker.com/backend-api` (public API docs, "Base URL"). */
export function tradeLockerBaseUrl(mode: AccountMode): string {
  return fromEnv("TRADELOCKER_BASE_URL") ?? `https://${mode}.tradelocker.com/backend-api`;
}

/**
 * ProjectX Gateway. The documented host is the demo gateway; the TopstepX production host is
 * not confirmed by the ProjectX docs, so production deployments set PROJECTX_BASE_URL.
 */
export function projectXBaseUrl(_mode: AccountMode): string {
  return fromEnv("PROJECTX_BASE_URL") ?? "https://gateway-api-demo.s2f.projectx.com";
}

/** Tradovate: `https://{demo|live}.tradovateapi.com/v1` (partner docs, "Environments"). */
export function tradovateBaseUrl(mode: AccountMode): string {
  return fromEnv("TRADOVATE_BASE_URL") ?? `https://${mode}.tradovateapi.com/v1`;
}

/** Default per-call timeout: longer than the 2.5 s answer budget, so a slow order call keeps going in the background. */
export const DEFAULT_BROKER_TIMEOUT_MS = 8_000;

/**
 * Per-call timeout. The webhook pipeline answers within 2.5 s and lets slower submissions
 * finish in the background; an abandoned call would be left to the reconciler instead.
 */
export function brokerTimeoutMs(): number {
  const raw = Number(process.env.BROKER_TIMEOUT_MS);
  return Number.isFinite(raw) && raw >= 100 && raw <= 60_000 ? raw : DEFAULT_BROKER_TIMEOUT_MS;
}
