import { signPayload } from "../../lib/crypto/hmac";
import type { TestApp } from "./test-app";
import { call, type ApiResponse } from "./client";

export type AlertOptions = { headers?: Record<string, string>; contentType?: string; sign?: string; signAt?: number };

/** POSTs an alert to /webhook/{broker} exactly as TradingView or a bot would (optionally signed). */
export function sendAlert<T = Record<string, unknown>>(app: TestApp, broker: string, body: unknown, opts: AlertOptions = {}): Promise<ApiResponse<T>> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers = { ...opts.headers };
  if (opts.sign) headers["x-webhook-signature"] = signPayload(opts.sign, raw, opts.signAt);
  return call<T>(app, "POST", `/webhook/${broker}`, undefined, { raw, headers, contentType: opts.contentType ?? "application/json" });
}

/** A unify.v1 market entry for a paper account. */
export function entry(apiKey: string, intent: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { version: "unify.v1", source: "test", api_key: apiKey, intent: { action: "entry", side: "buy", type: "market", symbol: "EURUSD", qty: 0.1, ...intent }, ...extra };
}
