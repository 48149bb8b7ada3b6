import type { TestApp } from "./test-app";
import { call } from "./client";
import type { TestUser } from "./client";

/** Changes some risk settings of a user (defaults or ?broker= override), keeping the rest. */
export async function setRisk(app: TestApp, user: TestUser, changes: Record<string, unknown>, broker?: string) {
  const q = broker ? `?broker=${broker}` : "";
  const current = await call<Record<string, unknown>>(app, "GET", `/risk${q}`, undefined, { token: user.token });
  const { broker: _b, is_override: _o, ...settings } = current.body;
  const res = await call(app, "PUT", `/risk${q}`, { ...settings, ...changes }, { token: user.token });
  if (res.status !== 200) throw new Error(`PUT /risk failed: ${res.status} ${res.text}`);
  return res.body;
}
