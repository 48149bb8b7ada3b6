import crypto from "node:crypto";
import type { TestApp } from "./test-app";

export type ApiResponse<T = Record<string, unknown>> = { status: number; headers: Headers; body: T; text: string };

export type CallOptions = { token?: string; headers?: Record<string, string>; raw?: string; contentType?: string };

/** Calls the API like an outside client: JSON in, JSON (or text) out. */
export async function call<T = Record<string, unknown>>(
  app: TestApp,
  method: string,
  path: string,
  body?: unknown,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | undefined = opts.raw;
  if (body !== undefined && payload === undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers["content-type"] ??= opts.contentType ?? "application/json";
  const res = await fetch(`${app.url}/api/unify/v1${path}`, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (metrics, CSV): keep the text.
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export type TestUser = { id: string; email: string; token: string; password: string };

/** Signs up a new user with a unique email; optionally promotes them to viewer/admin (and signs in again). */
export async function newUser(app: TestApp, role: "user" | "viewer" | "admin" = "user"): Promise<TestUser> {
  const email = `u${crypto.randomBytes(6).toString("hex")}@example.com`;
  const password = "correct-horse-battery";
  const res = await call<{ user: { id: string }; access_token: string }>(app, "POST", "/auth/signup", { email, password, name: "Test User" });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  if (role === "user") return { id: res.body.user.id, email, token: res.body.access_token, password };
  await app.db.query("update public.profiles set role = $1 where id = $2", [role, res.body.user.id]);
  const login = await call<{ access_token: string }>(app, "POST", "/auth/login", { email, password });
  return { id: res.body.user.id, email, token: login.body.access_token, password };
}

export type TestAccount = { id: string; api_key: string; webhook_secret: string };

/** Connects a paper account for a user. */
export async function newPaperAccount(app: TestApp, user: TestUser, extra: Record<string, unknown> = {}): Promise<TestAccount> {
  const res = await call<{ account: { id: string }; api_key: string; webhook_secret: string }>(
    app,
    "POST",
    "/accounts",
    { broker: "paper", name: "Paper", mode: "demo", ...extra },
    { token: user.token },
  );
  if (res.status !== 201) throw new Error(`account create failed: ${res.status} ${res.text}`);
  return { id: res.body.account.id, api_key: res.body.api_key, webhook_secret: res.body.webhook_secret };
}
