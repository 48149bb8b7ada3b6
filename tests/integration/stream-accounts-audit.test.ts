import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser } from "../support/client";
import { openStream as openStreamDirect, MAX_BACKLOG_CHUNKS } from "../../lib/realtime/open-stream";
import type { SessionUser } from "../../lib/auth/authenticate";
import type { PositionEvent } from "../../lib/events/subjects";
import { openJson, type Envelope } from "../../lib/crypto/envelope";
import { webhookSecretAad } from "../../lib/accounts/secret-aad";
import { entry, sendAlert } from "../support/alerts";
import { createNatsBus } from "../../lib/events/nats-bus";
import { openStream as openSse } from "../support/sse-client";
import { startReplica, type Replica } from "../support/start-replica";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const openStream = (token: string, lastEventId?: string, baseUrl = app.url) => openSse(baseUrl, token, lastEventId);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listenerCount = () => (globalThis as unknown as { __unifyStreamBuffer?: { listeners: Set<unknown> } }).__unifyStreamBuffer?.listeners.size ?? 0;

function position(accountId: string, status: "open" | "closed", price: number): PositionEvent {
  return {
    id: POSITION_ID,
    account_id: accountId,
    broker: "paper",
    symbol: "EURUSD",
    side: "buy",
    qty: 1,
    entry_price: 1.1,
    current_price: price,
    unrealized_pnl: status === "open" ? 10 : 0,
    realized_pnl: status === "closed" ? 12 : 0,
    stop_loss: null,
    take_profit: null,
    status,
  };
}
const POSITION_ID = crypto.randomUUID();

describe("stream audit", () => {
  test("a price mark still pending when its position closes is dropped, not sent after the close", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const stream = await openStream(u.token);
    await sleep(100);
    const at = new Date().toISOString();
    await app.bus.publish("position.update", { user_id: u.id, at, position: position(acc.id, "open", 1.101), reason: "mark" });
    await app.bus.publish("position.update", { user_id: u.id, at, position: position(acc.id, "closed", 1.102), reason: "closed" });
    await sleep(700); // several mark flush intervals
    const updates = stream.events.filter((e) => e.event === "position").map((e) => (e.data!.position as PositionEvent).status);
    expect(updates.at(-1)).toBe("closed");
    expect(updates).toEqual(["closed"]);
    stream.close();
  });

  test("Last-Event-ID resumes right after that event: events sharing its millisecond are not sent twice", async () => {
    const u = await newUser(app);
    const first = await openStream(u.token);
    await sleep(100);
    const at = new Date().toISOString();
    for (const message of ["one", "two", "three"]) {
      await app.bus.publish("log.entry", { user_id: u.id, at, level: "info", type: "test", message });
    }
    await sleep(200);
    const logs = first.events.filter((e) => e.event === "log");
    expect(logs.map((e) => e.data!.message)).toEqual(["one", "two", "three"]);
    first.close();

    const afterLast = await openStream(u.token, logs[2].id);
    const afterMiddle = await openStream(u.token, logs[1].id);
    await sleep(300);
    expect(afterLast.events.filter((e) => e.event === "log").map((e) => e.data!.message)).toEqual([]);
    expect(afterMiddle.events.filter((e) => e.event === "log").map((e) => e.data!.message)).toEqual(["three"]);
    afterLast.close();
    afterMiddle.close();
  });

  test("a burst of price marks does not push the user's order and log events out of the replay window", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const first = await openStream(u.token);
    await sleep(100);
    await app.bus.publish("log.entry", { user_id: u.id, at: new Date().toISOString(), level: "info", type: "test", message: "before" });
    let end = Date.now() + 3000;
    while (!first.events.some((e) => e.event === "log") && Date.now() < end) await sleep(20);
    const lastSeen = first.events.find((e) => e.event === "log")!.id!;
    first.close();
    await app.bus.publish("log.entry", { user_id: u.id, at: new Date().toISOString(), level: "warn", type: "test", message: "missed" });
    // Two positions marked many times a second for a while: only their latest marks matter on resume.
    const second = { ...position(acc.id, "open", 1.1), id: crypto.randomUUID() };
    for (let i = 0; i < 400; i++) {
      const at = new Date().toISOString();
      await app.bus.publish("position.update", { user_id: u.id, at, position: { ...position(acc.id, "open", 1.1 + i / 1e5) }, reason: "mark" });
      await app.bus.publish("position.update", { user_id: u.id, at, position: { ...second, current_price: 1.2 + i / 1e5 }, reason: "mark" });
    }
    await sleep(300);
    const resumed = await openStream(u.token, lastSeen);
    end = Date.now() + 3000;
    while (!resumed.events.some((e) => e.event === "log") && Date.now() < end) await sleep(20);
    expect(resumed.events.filter((e) => e.event === "log").map((e) => e.data!.message)).toEqual(["missed"]);
    // The latest mark of each position is replayed.
    const marks = resumed.events.filter((e) => e.event === "position").map((e) => e.data!.position as PositionEvent);
    expect(marks.map((p) => p.current_price)).toEqual([1.1 + 399 / 1e5, 1.2 + 399 / 1e5]);
    resumed.close();
  });

  test("closing the connection releases the stream's subscription", async () => {
    const u = await newUser(app);
    await sleep(50);
    const before = listenerCount();
    const streams = await Promise.all([1, 2, 3].map(() => openStream(u.token)));
    await sleep(100);
    expect(listenerCount()).toBe(before + 3);
    for (const s of streams) s.close();
    const end = Date.now() + 3000;
    while (listenerCount() > before && Date.now() < end) await sleep(20);
    expect(listenerCount()).toBe(before);
  });

  test("a request aborted before its stream opens leaves no subscription behind", async () => {
    const user = { id: crypto.randomUUID() } as SessionUser;
    await openStreamDirect(user, null, new AbortController().signal).then((s) => s.cancel()); // buffering started
    const before = listenerCount();
    const aborted = new AbortController();
    aborted.abort();
    const stream = await openStreamDirect(user, null, aborted.signal);
    expect(listenerCount()).toBe(before);
    const reader = stream.getReader();
    for (;;) if ((await reader.read()).done) break;
  });

  test("a client that stops reading is cut off once its backlog is full: memory stays bounded", async () => {
    const user = { id: crypto.randomUUID() } as SessionUser;
    const before = listenerCount();
    const stream = await openStreamDirect(user, null, new AbortController().signal);
    expect(listenerCount()).toBe(before + 1);
    const at = new Date().toISOString();
    for (let i = 0; i < MAX_BACKLOG_CHUNKS * 4; i++) {
      await app.bus.publish("log.entry", { user_id: user.id, at, level: "info", type: "test", message: `event ${i} ${"x".repeat(200)}` });
    }
    // The slow client's subscription is gone (over NATS delivery lags the publishes), and what it still has to read is bounded.
    const end = Date.now() + 5000;
    while (listenerCount() > before && Date.now() < end) await sleep(20);
    expect(listenerCount()).toBe(before);
    const reader = stream.getReader();
    let chunks = 0;
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      chunks++;
    }
    expect(chunks).toBeLessThanOrEqual(MAX_BACKLOG_CHUNKS + 2);
  });
});

describe("accounts audit", () => {
  test("DELETE of an account with a working order → 409; the account and order stay", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const [order] = await app.db.query<{ id: string }>(
      `insert into public.orders (user_id, account_id, broker, symbol, side, type, qty, price, status, broker_order_id)
       values ($1, $2, 'paper', 'EURUSD', 'buy', 'limit', 1, 1.05, 'submitted', 'b-1') returning id`,
      [u.id, acc.id],
    );
    const res = await call(app, "DELETE", `/accounts/${acc.id}`, undefined, { token: u.token });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/working order/);
    expect(await app.db.query("select id from public.orders where id = $1", [order.id])).toHaveLength(1);
    expect((await call(app, "GET", `/accounts/${acc.id}`, undefined, { token: u.token })).status).toBe(200);

    await app.db.query("update public.orders set status = 'cancelled' where id = $1", [order.id]);
    expect((await call(app, "DELETE", `/accounts/${acc.id}`, undefined, { token: u.token })).status).toBe(204);
  });
});

describe("plan limit audit", () => {
  test("over the plan's broker limit → 402 before the credentials are checked with (sent to) the broker", async () => {
    const u = await newUser(app);
    await newPaperAccount(app, u);
    const res = await call(app, "POST", "/accounts", { broker: "tradelocker", name: "Second", mode: "demo", credentials: { email: "x@example.com" } }, { token: u.token });
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ code: "plan_limit" });
  });
});

describe("IP allowlist audit", () => {
  test("entries that are neither an address, a range nor a preset → 400 with the field (no prototype names, no extra '/')", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    for (const entry of ["constructor", "toString", "__proto__", "1.2.3.4/24/5"]) {
      const bad = await call<{ errors: { path: string }[] }>(app, "PATCH", `/accounts/${acc.id}`, { ip_allowlist: ["tradingview", entry] }, { token: u.token });
      expect(bad.status, entry).toBe(400);
      expect(bad.body.errors[0].path).toBe("ip_allowlist.1");
    }
    const ok = await call<{ account: { ip_allowlist: string[] } }>(app, "PATCH", `/accounts/${acc.id}`, { ip_allowlist: ["tradingview", "2001:db8::/32", "52.89.214.238"] }, { token: u.token });
    expect(ok.status).toBe(200);
  });
});

describe("secrets audit", () => {
  test("a webhook secret envelope only opens for its own account (AAD binds it to the account id)", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const b = await newPaperAccount(app, await newUser(app));
    const [row] = await app.db.query<{ env: Envelope | string }>("select webhook_secret_enc as env from public.broker_accounts where id = $1", [a.id]);
    const env = (typeof row.env === "string" ? JSON.parse(row.env) : row.env) as Envelope;
    expect(openJson<string>(env, webhookSecretAad(a.id))).toBe(a.webhook_secret);
    expect(() => openJson<string>(env, webhookSecretAad(b.id))).toThrow();
    // Copied into the other account's row, it does not authenticate alerts for that account.
    await app.db.query("update public.broker_accounts set webhook_secret_enc = $1, require_signature = true where id = $2", [JSON.stringify(env), b.id]);
    const body = entry(b.api_key);
    const sig = crypto.createHmac("sha256", a.webhook_secret).update(JSON.stringify(body)).digest("hex");
    const res = await sendAlert(app, "paper", body, { sign: sig });
    expect(res.status).not.toBe(200);
  });
});

const natsUrl = process.env.NATS_URL;

describe.runIf(natsUrl && process.env.DATABASE_URL)("across replicas (NATS)", () => {
  let replica: Replica;
  let sharedBus: Awaited<ReturnType<typeof createNatsBus>>;
  const prefix = `sa_audit_${Date.now().toString(36)}`;

  beforeAll(async () => {
    const { setBus } = await import("../../lib/events");
    sharedBus = await createNatsBus(natsUrl!, prefix);
    app.bus = sharedBus;
    setBus(sharedBus);
    const { resetStreamBuffer } = await import("../../lib/realtime/event-buffer");
    resetStreamBuffer();
    replica = await startReplica({ ...process.env, NATS_SUBJECT_PREFIX: prefix, UNIFY_LOG_LEVEL: "error" });
  }, 60_000);
  afterAll(async () => {
    replica?.child.kill("SIGTERM");
    await sharedBus?.close();
  });

  test("resuming on the other replica with Last-Event-ID gives the user's missed events once, and nobody else's", async () => {
    const a = await newUser(app);
    const b = await newUser(app);
    const onReplicaB = await openStream(b.token, undefined, replica.url); // the replica buffers from now on
    const local = await openStream(a.token);
    await sleep(200);
    const at = new Date().toISOString();
    for (const message of ["a1", "a2"]) await app.bus.publish("log.entry", { user_id: a.id, at, level: "info", type: "test", message });
    await app.bus.publish("log.entry", { user_id: b.id, at, level: "info", type: "test", message: "b1" });
    const end = Date.now() + 3000;
    while (local.events.filter((e) => e.event === "log").length < 2 && Date.now() < end) await sleep(20);
    const seen = local.events.filter((e) => e.event === "log");
    expect(seen.map((e) => e.data!.message)).toEqual(["a1", "a2"]);
    local.close();
    await app.bus.publish("log.entry", { user_id: a.id, at, level: "info", type: "test", message: "a3" });
    await app.bus.publish("log.entry", { user_id: b.id, at, level: "info", type: "test", message: "b2" });
    await sleep(300);
    const resumed = await openStream(a.token, seen[1].id, replica.url);
    await sleep(500);
    expect(resumed.events.filter((e) => e.event === "log").map((e) => e.data!.message)).toEqual(["a3"]);
    expect(onReplicaB.events.filter((e) => e.event === "log").map((e) => e.data!.message)).toEqual(["b1", "b2"]);
    resumed.close();
    onReplicaB.close();
  });

  test("a regenerated API key stops working on the other replica at once, even when it cached the old one", async () => {
    const u = await newUser(app);
    const acc = await newPaperAccount(app, u);
    const viaReplica = (key: string) =>
      fetch(`${replica.url}/api/unify/v1/webhook/paper`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(entry(key, { qty: 0.01 })) });
    expect((await viaReplica(acc.api_key)).status).toBe(200); // cached there now
    const regen = await call<{ api_key: string }>(app, "POST", `/accounts/${acc.id}/api-key`, undefined, { token: u.token });
    expect(regen.status).toBe(200);
    // The other replica drops its cached key when the invalidation arrives over NATS (milliseconds).
    await expect.poll(async () => (await viaReplica(acc.api_key)).status, { timeout: 2_000 }).toBe(401);
    expect((await viaReplica(regen.body.api_key)).status).toBe(200);
  });
});
