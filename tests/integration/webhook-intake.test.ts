import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { setRisk } from "../support/settings";
import type { BusEvent } from "../../lib/events";

let app: TestApp;
let user: TestUser;
let acc: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  user = await newUser(app);
  acc = await newPaperAccount(app, user);
});
afterAll(() => app.close());

type Answer = { ok?: boolean; order_id?: string; status?: string | number; code?: string; rule?: string; detail?: string; avg_price?: number; filled_qty?: number; correlation_id?: string; latency_ms?: number };

async function lastEvent(accountId: string | null, correlationId: string) {
  const [row] = await app.db.query<{ outcome: string; status_code: number; code: string | null; reason: string | null; payload: Record<string, unknown> | null; account_id: string | null; latency_ms: number }>(
    "select * from public.webhook_events where correlation_id = $1",
    [correlationId],
  );
  if (accountId) expect(row.account_id).toBe(accountId);
  return row;
}

describe("POST /webhook/{broker} — intake", () => {
  test("a unify.v1 entry fills on paper: order, open position, accepted webhook event, events published", async () => {
    const seen: BusEvent[] = [];
    const off = app.bus.subscribe("*", (e) => seen.push(e));
    const res = await sendAlert<Answer>(app, "paper", entry(acc.api_key, { qty: 0.2, tag: "EU_Breakout" }), { headers: { "x-correlation-id": "corr-entry-1" } });
    // Over NATS the events come back to this process after the answer: wait for them.
    await expect.poll(() => seen.map((e) => e.subject)).toEqual(expect.arrayContaining(["trade.exec", "order.status", "position.update", "webhook.received"]));
    off();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, status: "filled", filled_qty: 0.2, correlation_id: "corr-entry-1" });
    expect(res.body.avg_price).toBeGreaterThan(0.5);
    expect(res.headers.get("x-correlation-id")).toBe("corr-entry-1");
    const [order] = await app.db.query<{ status: string; qty: number; source: string; correlation_id: string; position_id: string }>("select * from public.orders where id = $1", [res.body.order_id]);
    expect(order).toMatchObject({ status: "filled", qty: 0.2, correlation_id: "corr-entry-1" });
    const [pos] = await app.db.query<{ status: string; side: string; qty: number; tag: string }>("select * from public.positions where id = $1", [order.position_id]);
    expect(pos).toMatchObject({ status: "open", side: "buy", qty: 0.2, tag: "EU_Breakout" });
    const ev = await lastEvent(acc.id, "corr-entry-1");
    expect(ev).toMatchObject({ outcome: "accepted", status_code: 200 });
    expect(JSON.stringify(ev.payload)).not.toContain(acc.api_key);
  });

  test("a flat TradingView alert sent as text/plain with numeric strings", async () => {
    const alert = { api_key: acc.api_key, ticker: "OANDA:EURUSD", action: "sell", sentiment: "short", quantity: "0.10", order_type: "market", price: "1.0850" };
    const res = await sendAlert<Answer>(app, "paper", JSON.stringify(alert), { contentType: "text/plain; charset=utf-8" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("filled");
    const [o] = await app.db.query<{ side: string; symbol: string; qty: number }>("select side, symbol, qty from public.orders where id = $1", [res.body.order_id]);
    expect(o).toEqual({ side: "sell", symbol: "EURUSD", qty: 0.1 });
  });

  test.each([
    ["malformed JSON", "{\"api_key\": ", 400, "invalid_request"],
    ["not an object", "[1,2]", 400, "invalid_request"],
  ])("%s → %s, logged with the reason", async (_label, raw, status, code) => {
    const res = await sendAlert<Answer>(app, "paper", raw, { headers: { "x-correlation-id": `bad-${status}-${raw.length}` } });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    const ev = await lastEvent(null, `bad-${status}-${raw.length}`);
    expect(ev).toMatchObject({ outcome: "rejected", status_code: status });
  });

  test("schema errors point at the field (unify.v1 intent.qty and flat quantity)", async () => {
    const a = await sendAlert<{ errors: { path: string }[] }>(app, "paper", entry(acc.api_key, { qty: -1 }));
    expect(a.status).toBe(400);
    expect(a.body.errors[0].path).toBe("intent.qty");
    const b = await sendAlert<{ errors: { path: string }[] }>(app, "paper", { api_key: acc.api_key, ticker: "EURUSD", action: "buy", quantity: "abc" });
    expect(b.status).toBe(400);
    expect(b.body.errors[0].path).toBe("quantity");
    const c = await sendAlert<{ errors: { path: string }[] }>(app, "paper", { ...entry(acc.api_key), intent: { ...entry(acc.api_key).intent, leverage: 100 } });
    expect(c.status).toBe(400);
  });

  test("missing or unknown API key → 401, logged without a user", async () => {
    const none = await sendAlert<Answer>(app, "paper", { ticker: "EURUSD", action: "buy" });
    expect(none.status).toBe(401);
    const unknown = await sendAlert<Answer>(app, "paper", entry("uk_demo_" + "x".repeat(40)), { headers: { "x-correlation-id": "unknown-key" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe("unauthorized");
    const [ev] = await app.db.query<{ user_id: string | null; status_code: number }>("select user_id, status_code from public.webhook_events where correlation_id = 'unknown-key'");
    expect(ev).toEqual({ user_id: null, status_code: 401 });
  });

  test("the key in the Authorization header works too", async () => {
    const { api_key, ...body } = entry(acc.api_key);
    const res = await sendAlert<Answer>(app, "paper", body, { headers: { authorization: `Bearer ${api_key}` } });
    expect(res.status).toBe(200);
  });

  test("unknown broker → 404; a key of another broker's account → 403; aliases are accepted", async () => {
    expect((await sendAlert(app, "nyse", entry(acc.api_key))).status).toBe(404);
    const wrong = await sendAlert<Answer>(app, "tradelocker", entry(acc.api_key));
    expect(wrong.status).toBe(403);
    expect(wrong.body.detail).toContain("/webhook/paper");
  });

  test("a body over 64 KiB → 413, logged", async () => {
    const res = await sendAlert<Answer>(app, "paper", { ...entry(acc.api_key), source: "x".repeat(70_000) }, { headers: { "x-correlation-id": "too-big" } });
    expect(res.status).toBe(413);
    expect((await lastEvent(null, "too-big")).status_code).toBe(413);
  });

  test("unsupported content type → 415", async () => {
    const res = await sendAlert(app, "paper", "a=b", { contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  test("an unknown symbol is a clear 422 broker_rejected", async () => {
    const res = await sendAlert<Answer>(app, "paper", entry(acc.api_key, { symbol: "NOPE123" }));
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain("NOPE123");
  });

  test("every request is counted in webhook_latency_seconds and orders_total", async () => {
    const metrics = await call(app, "GET", "/metrics");
    expect(metrics.text).toMatch(/webhook_latency_seconds_bucket\{[^}]*broker="paper"[^}]*outcome="accepted"/);
    expect(metrics.text).toMatch(/orders_total\{broker="paper",status="filled"\} \d+/);
    expect(metrics.text).toMatch(/rejects_total\{reason="unauthorized"\}/);
  });
});

describe("signatures, allowlist, disabled accounts", () => {
  test("a valid signature is accepted; replaying the same signed request → 401 signature_replayed", async () => {
    const body = JSON.stringify(entry(acc.api_key, { qty: 0.01 }));
    const t = Math.floor(Date.now() / 1000);
    const first = await sendAlert<Answer>(app, "paper", body, { sign: acc.webhook_secret, signAt: t });
    expect(first.status).toBe(200);
    const replay = await sendAlert<Answer>(app, "paper", body, { sign: acc.webhook_secret, signAt: t });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("signature_replayed");
  });

  test("wrong secret → invalid_signature; stale timestamp → signature_expired", async () => {
    const body = entry(acc.api_key, { qty: 0.01 });
    expect((await sendAlert<Answer>(app, "paper", body, { sign: "uws_not-the-secret" })).body.code).toBe("invalid_signature");
    const stale = await sendAlert<Answer>(app, "paper", body, { sign: acc.webhook_secret, signAt: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe("signature_expired");
  });

  test("require_signature refuses unsigned alerts; the IP allowlist refuses other addresses", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u, { require_signature: true, ip_allowlist: ["tradingview"] });
    const unsigned = await sendAlert<Answer>(app, "paper", entry(a.api_key), { headers: { "x-forwarded-for": "52.89.214.238" } });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe("invalid_signature");
    const fromElsewhere = await sendAlert<Answer>(app, "paper", entry(a.api_key), { sign: a.webhook_secret, headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.body.code).toBe("ip_not_allowed");
    const ok = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.01 }), { sign: a.webhook_secret, headers: { "x-forwarded-for": "52.89.214.238" } });
    expect(ok.status).toBe(200);
  });

  test("a disabled account → 403 account_disabled; the regenerated key's predecessor → 401", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await call(app, "PATCH", `/accounts/${a.id}`, { enabled: false }, { token: u.token });
    const disabled = await sendAlert<Answer>(app, "paper", entry(a.api_key));
    expect(disabled.status).toBe(403);
    expect(disabled.body.code).toBe("account_disabled");
    await call(app, "PATCH", `/accounts/${a.id}`, { enabled: true }, { token: u.token });
    const fresh = await call<{ api_key: string }>(app, "POST", `/accounts/${a.id}/api-key`, undefined, { token: u.token });
    expect((await sendAlert(app, "paper", entry(a.api_key))).status).toBe(401);
    expect((await sendAlert(app, "paper", entry(fresh.body.api_key, { qty: 0.01 }))).status).toBe(200);
  });
});

describe("idempotency", () => {
  test("a duplicate body id makes one order; the replay carries Idempotent-Replayed and the first answer", async () => {
    const body = entry(acc.api_key, { qty: 0.03 }, { id: "tv-alert-42" });
    const first = await sendAlert<Answer>(app, "paper", body);
    const second = await sendAlert<Answer>(app, "paper", body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.order_id).toBe(first.body.order_id);
    const orders = await app.db.query("select 1 from public.orders where account_id = $1 and qty = 0.03", [acc.id]);
    expect(orders).toHaveLength(1);
  });

  test("the Idempotency-Key header works the same, also for concurrent duplicates", async () => {
    const body = entry(acc.api_key, { qty: 0.04 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendAlert<Answer>(app, "paper", body, { headers: { "idempotency-key": "hdr-key-1" } })));
    const ids = new Set(answers.map((a) => a.body.order_id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
  });

  test("a refused alert replays its refusal", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await setRisk(app, u, { denied_instruments: ["GBPUSD"] });
    const body = entry(a.api_key, { symbol: "GBPUSD" }, { id: "refused-1" });
    const first = await sendAlert<Answer>(app, "paper", body);
    const again = await sendAlert<Answer>(app, "paper", body);
    expect(first.status).toBe(422);
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe("denied_instruments");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });
});
