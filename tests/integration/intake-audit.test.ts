import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { registerAdapter } from "../../brokers/registry";
import { PaperAdapter } from "../../brokers/paper/adapter";
import { BrokerError, type AccountRef, type Instrument } from "../../brokers/types";

let app: TestApp;
let user: TestUser;
let acc: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  user = await newUser(app);
  acc = await newPaperAccount(app, user);
});
afterAll(() => app.close());

type Answer = { ok?: boolean; order_id?: string; status?: string | number; code?: string; detail?: string; errors?: { path: string; message: string }[] };
type EventRow = { outcome: string; status_code: number; code: string | null; reason: string | null; payload: unknown; raw_excerpt: string | null };

async function eventOf(correlationId: string): Promise<EventRow | undefined> {
  const [row] = await app.db.query<EventRow>("select * from public.webhook_events where correlation_id = $1", [correlationId]);
  return row;
}

const flatAlert = (apiKey: string, extra: Record<string, unknown> = {}) => ({ api_key: apiKey, ticker: "EURUSD", action: "buy", quantity: "0.01", ...extra });

/** A flat alert padded (by a field the flat format ignores) to exactly `bytes` bytes. */
function flatOfSize(bytes: number): string {
  const base = JSON.stringify(flatAlert(acc.api_key, { note: "" }));
  return JSON.stringify(flatAlert(acc.api_key, { note: "x".repeat(bytes - Buffer.byteLength(base)) }));
}

/** POSTs with Transfer-Encoding: chunked (no Content-Length), as some HTTP clients and proxies send. */
function postChunked(pathname: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(`${app.url}/api/unify/v1${pathname}`);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    for (let i = 0; i < body.length; i += 16_384) req.write(body.subarray(i, i + 16_384));
    req.end();
  });
}

describe("POST /webhook/{broker} — body size", () => {
  test("exactly 64 KiB is accepted; 64 KiB + 1 → 413 payload_too_large; a chunked body over the cap → 413, logged", async () => {
    const exact = flatOfSize(64 * 1024);
    expect(Buffer.byteLength(exact)).toBe(65_536);
    const ok = await sendAlert<Answer>(app, "paper", exact, { contentType: "text/plain" });
    expect(ok.status).toBe(200);
    const over = await sendAlert<Answer>(app, "paper", flatOfSize(64 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(over.body.code).toBe("payload_too_large");
    const chunked = await postChunked("/webhook/paper", Buffer.from(flatOfSize(64 * 1024 + 1)), { "content-type": "application/json", "x-correlation-id": "chunked-over" });
    expect(chunked.status).toBe(413);
    expect(await eventOf("chunked-over")).toMatchObject({ outcome: "rejected", status_code: 413, code: "payload_too_large" });
  });

  test("a body nested deeper than any alert (64 KiB of [[[…) → 400 invalid_request, logged — not a 500 that leaves no trace", async () => {
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    const bodies = {
      envelope: `{"version":"unify.v1","api_key":"${acc.api_key}","intent":{"side":"buy","symbol":"EURUSD","qty":0.01},"x":${deep}}`,
      flat: `{"api_key":"${acc.api_key}","ticker":"EURUSD","action":"buy","quantity":"0.01","x":${deep}}`,
    };
    for (const [shape, raw] of Object.entries(bodies)) {
      const res = await sendAlert<Answer>(app, "paper", raw, { headers: { "x-correlation-id": `deep-${shape}` } });
      expect(res.status, shape).toBe(400);
      expect(res.body.code).toBe("invalid_request");
      expect(res.body.detail).toContain("levels deep");
      expect(await eventOf(`deep-${shape}`), shape).toMatchObject({ outcome: "rejected", status_code: 400 });
    }
    const orders = await app.db.query("select 1 from public.orders where account_id = $1", [acc.id]);
    expect(orders).toHaveLength(1); // only the 64 KiB alert above
  });
});

describe("POST /webhook/{broker} — text Postgres cannot store", () => {
  test("\\u0000 or half a surrogate pair anywhere in the JSON → 400 invalid_request, logged — not a 500 with no row", async () => {
    const head = `{"api_key":"${acc.api_key}","ticker":"EURUSD","action":"buy","quantity":"0.01"`;
    const bodies = {
      "nul-in-value": `${head},"note":"a\\u0000b"}`,
      "nul-in-name": `${head},"a\\u0000":1}`,
      "lone-surrogate": `${head},"note":"a\\ud800b"}`,
      "nul-in-echoed-field": `{"api_key":"${acc.api_key}","ticker":"EURUSD","action":"buy","quantity":"\\u0000"}`,
      "raw-nul-byte": `${head},"note":"a\u0000b"}`,
    };
    for (const [label, raw] of Object.entries(bodies)) {
      const res = await sendAlert<Answer>(app, "paper", raw, { headers: { "x-correlation-id": `unstorable-${label}` } });
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe("invalid_request");
      expect(await eventOf(`unstorable-${label}`), label).toMatchObject({ outcome: "rejected", status_code: 400 });
    }
  });
});

describe("POST /webhook/{broker} — idempotency ids as TradingView builds them", () => {
  test("a body id with spaces or accented letters ({{strategy.order.id}}) is an idempotency key: one order, the replay flagged", async () => {
    const ids = { envelope: "Long Entry 1", flat: "Lång Entry — 2" };
    const bodies = {
      envelope: entry(acc.api_key, { qty: 0.07 }, { id: ids.envelope }),
      flat: flatAlert(acc.api_key, { quantity: "0.08", id: ids.flat }),
    };
    for (const [shape, body] of Object.entries(bodies)) {
      const first = await sendAlert<Answer>(app, "paper", body);
      expect(first.status, `${shape}: ${JSON.stringify(first.body)}`).toBe(200);
      const again = await sendAlert<Answer>(app, "paper", body, { contentType: "text/plain" });
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body.order_id).toBe(first.body.order_id);
    }
    // Distinct ids stay distinct keys.
    const other = await sendAlert<Answer>(app, "paper", entry(acc.api_key, { qty: 0.07 }, { id: "Long Entry 2" }));
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    const orders = await app.db.query("select qty from public.orders where account_id = $1 and qty in (0.07, 0.08)", [acc.id]);
    expect(orders).toHaveLength(3);
  });

  test("an id longer than 128 characters → 400 pointing at `id`", async () => {
    const res = await sendAlert<Answer>(app, "paper", entry(acc.api_key, {}, { id: "é".repeat(129) }));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].path).toBe("id");
  });
});

describe("POST /webhook/{broker} — API key in the body", () => {
  test("a key pasted with a trailing space or newline authenticates, as it does in the Authorization header", async () => {
    const flat = await sendAlert<Answer>(app, "paper", flatAlert(`${acc.api_key}\n`), { contentType: "text/plain" });
    expect(flat.status, JSON.stringify(flat.body)).toBe(200);
    const envelope = await sendAlert<Answer>(app, "paper", entry(` ${acc.api_key} `, { qty: 0.01 }));
    expect(envelope.status, JSON.stringify(envelope.body)).toBe(200);
  });
});

describe("webhook_events never hold a secret in plaintext", () => {
  test("an API key or webhook secret pasted into the wrong field is redacted from the stored payload and reason", async () => {
    const cases: [string, unknown, Record<string, string>][] = [
      // Key under another name: refused (401), the row keeps the payload.
      ["misnamed", flatAlert("", { api_key: undefined, apikey: acc.api_key }), {}],
      // Key in the header and, by mistake, inside the intent: 400, payload stored.
      ["in-intent", { ...entry(acc.api_key), api_key: undefined, intent: { ...entry(acc.api_key).intent, api_key: acc.api_key } }, { authorization: `Bearer ${acc.api_key}` }],
      // Accepted alert with the secret and the key in a comment.
      ["in-comment", flatAlert(acc.api_key, { comment: `secret ${acc.webhook_secret} key ${acc.api_key}` }), {}],
      // A value echoed in the reason.
      ["in-reason", flatAlert(acc.api_key, { quantity: acc.api_key }), {}],
    ];
    for (const [label, body, headers] of cases) {
      const res = await sendAlert<Answer>(app, "paper", body, { headers: { ...headers, "x-correlation-id": `secret-${label}` } });
      expect(res.status, label).not.toBe(500);
      const row = await eventOf(`secret-${label}`);
      expect(row, label).toBeDefined();
      const stored = JSON.stringify(row);
      for (const secret of [acc.api_key, acc.webhook_secret]) {
        expect(stored, label).not.toContain(secret.slice(8));
      }
    }
    expect(JSON.stringify((await eventOf("secret-in-comment"))?.payload)).toContain("uk_demo_[redacted]");
  });
});

describe("idempotent replays", () => {
  test("a replay lands in webhook_events as `replayed`, naming the first request's order", async () => {
    const body = entry(acc.api_key, { qty: 0.02 }, { id: "same-id-every-time" });
    const first = await sendAlert<Answer>(app, "paper", body);
    const again = await sendAlert<Answer>(app, "paper", body, { headers: { "x-correlation-id": "replay-logged" } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const row = await app.db.query<{ outcome: string; status_code: number; order_id: string; reason: string }>(
      "select outcome, status_code, order_id, reason from public.webhook_events where correlation_id = 'replay-logged'",
    );
    expect(row).toEqual([{ outcome: "replayed", status_code: 200, order_id: first.body.order_id, reason: expect.stringContaining("same-id-every-time") }]);
  });

  test("a retry while the broker is unreachable gets the first answer (replayed), not the broker's 503; a new alert gets the 503", async () => {
    class DownPaper extends PaperAdapter {
      down = false;
      override async instrument(ref: AccountRef, ticker: string): Promise<Instrument> {
        if (this.down) throw new BrokerError("connection refused", "unavailable");
        return super.instrument(ref, ticker);
      }
    }
    const broker = new DownPaper();
    registerAdapter(broker);
    try {
      const body = entry(acc.api_key, { qty: 0.03 }, { id: "retried-while-down" });
      const first = await sendAlert<Answer>(app, "paper", body);
      expect(first.status).toBe(200);
      broker.down = true;
      const retry = await sendAlert<Answer>(app, "paper", body);
      expect(retry.status).toBe(200);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.body.order_id).toBe(first.body.order_id);
      const fresh = await sendAlert<Answer>(app, "paper", entry(acc.api_key, { qty: 0.03 }, { id: "new-while-down" }));
      expect(fresh.status).toBe(503);
    } finally {
      registerAdapter(new PaperAdapter());
    }
  });

  test("exit_all sent four times at once with one id runs once; the others are replays", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "GBPUSD", qty: 0.1 }));
    const body = { version: "unify.v1", api_key: a.api_key, id: "flatten-once", intent: { action: "exit_all" } };
    const answers = await Promise.all([1, 2, 3, 4].map(() => sendAlert<Answer & { positions_closed?: number }>(app, "paper", body)));
    const ran = answers.filter((r) => r.headers.get("idempotent-replayed") !== "true");
    expect(ran).toHaveLength(1);
    expect(ran[0].body).toMatchObject({ ok: true, positions_closed: 2 });
    for (const r of answers.filter((x) => x !== ran[0])) expect([200, 409]).toContain(r.status);
    const exits = await app.db.query("select id from public.orders where account_id = $1 and action = 'exit'", [a.id]);
    expect(exits).toHaveLength(2);
  });
});

describe("a disabled account", () => {
  test("opens nothing (403 account_disabled) but still exits, so a position left open can be closed", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1 }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "GBPUSD", qty: 0.1 }));
    await app.db.query("update public.broker_accounts set enabled = false where id = $1", [a.id]);
    for (const action of ["entry", "reverse"]) {
      const refused = await sendAlert<Answer>(app, "paper", entry(a.api_key, { action, side: "sell", qty: 0.1 }));
      expect(refused.status, action).toBe(403);
      expect(refused.body.code).toBe("account_disabled");
    }
    const exit = await sendAlert<Answer>(app, "paper", entry(a.api_key, { action: "exit", side: undefined, qty: undefined }));
    expect(exit.status, JSON.stringify(exit.body)).toBe(200);
    const all = await sendAlert<Answer & { positions_closed?: number }>(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit_all" } });
    expect(all.body).toMatchObject({ ok: true, positions_closed: 1 });
    const open = await app.db.query("select id from public.positions where account_id = $1 and status = 'open'", [a.id]);
    expect(open).toHaveLength(0);
  });
});
