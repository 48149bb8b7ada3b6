import net from "node:net";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestUser } from "../support/client";
import { setRisk } from "../support/settings";
import { getBus, setBus, type Bus } from "../../lib/events";
import { resetConfig } from "../../lib/config/env";
import { MAX_ROUTE_LABELS } from "../../lib/metrics/registry";
import { createNatsBus } from "../../lib/events/nats-bus";
import { entry, sendAlert } from "../support/alerts";
import { registerAdapter } from "../../brokers/registry";
import { reconcilePending } from "../../lib/execution/reconcile";
import { settleOrder } from "../../lib/execution/settle-order";
import { BrokerError, type AccountRef, type BrokerPosition, type CloseResult, type Instrument, type PlaceOrderRequest, type PlaceOrderResult } from "../../brokers/types";
import { RemoteSimBroker } from "../support/remote-sim-broker";

type Answer = { status?: string; order_id?: string };

/**
 * A remote broker whose order call is slow before it reaches the broker (a rate limiter's
 * queue, a penalty ticket's wait): the broker has no trace of the order until `release()`,
 * then it fills it and the call answers.
 */
class SlowSendBroker extends RemoteSimBroker {
  private release_: (() => void) | null = null;
  private sent_: Promise<void> | null = null;
  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    await new Promise<void>((resolve) => (this.release_ = resolve));
    const hang = this.hangAfterAccepting;
    this.hangAfterAccepting = false;
    const result = await super.placeOrder(ref, order);
    this.hangAfterAccepting = hang;
    return result;
  }
  release() {
    this.release_?.();
  }
}

/**
 * A remote broker that closes positions but loses the answer to the close (a timeout after
 * the broker acted). Closes carry no client id at real brokers (TradeLocker's DELETE
 * /positions, ProjectX's closeContract), so findOrder never finds an exit.
 */
class LostCloseAnswerBroker extends RemoteSimBroker {
  held: BrokerPosition[] = [];
  closeReaches = true;
  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const result = await super.placeOrder(ref, order);
    this.held.push({ symbol: order.instrument.symbol, side: order.side, qty: order.qty, entryPrice: result.avgPrice! });
    return result;
  }
  async closePosition(_ref: AccountRef, instrument: Instrument, qty?: number): Promise<CloseResult> {
    if (this.closeReaches) {
      this.held = this.held
        .map((p) => (p.symbol === instrument.symbol ? { ...p, qty: qty === undefined ? 0 : Math.round((p.qty - qty) * 1e6) / 1e6 } : p))
        .filter((p) => p.qty > 0);
    }
    throw new BrokerError("TradeLocker did not answer within 8000 ms.", "timeout");
  }
  async positions(): Promise<BrokerPosition[]> {
    return this.held;
  }
  async accountState() {
    return { ...(await super.accountState()), positions: this.held };
  }
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function remoteAccount(sim: RemoteSimBroker): Promise<{ id: string; apiKey: string; user: TestUser }> {
  registerAdapter(sim);
  const user = await newUser(app);
  const acc = await call<{ account: { id: string }; api_key: string }>(app, "POST", "/accounts", { broker: "tradelocker", name: `Sim ${Math.random()}`, mode: "demo", credentials: { email: "x@y.z" } }, { token: user.token });
  expect(acc.status).toBe(201);
  return { id: acc.body.account.id, apiKey: acc.body.api_key, user };
}

const orderRow = async (id: string) =>
  (await app.db.query<{ status: string; filled_qty: number; avg_price: number | null }>("select status, filled_qty, avg_price from public.orders where id = $1", [id]))[0];
const openQty = async (accountId: string) =>
  (await app.db.query<{ qty: number }>("select qty from public.positions where account_id = $1 and status = 'open'", [accountId])).map((p) => Number(p.qty));

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("crash audit: the reconciler and a submission still in flight", () => {
  test("a submission still in flight on this replica is not expired by the reconciler; its fill is booked when it answers", async () => {
    const sim = new SlowSendBroker();
    const acc = await remoteAccount(sim);
    const res = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { qty: 0.5 }, { id: "slow-send-1" }));
    expect(res.body.status).toBe("pending");
    const id = res.body.order_id!;

    // The reconciler runs long after the order was recorded; the broker has no trace of it yet.
    const report = await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 60_000) });
    expect(report.expired).toBe(0);
    expect((await orderRow(id)).status).toBe("pending");

    sim.release();
    const row = await until(() => orderRow(id), (r) => r.status !== "pending");
    expect(row).toMatchObject({ status: "filled", filled_qty: 0.5 });
    expect(await openQty(acc.id)).toEqual([0.5]);
    expect(sim.book.size).toBe(1);
  });

  test("a fill the broker reports after the order was expired (another replica's reconciler) is booked, not dropped", async () => {
    const sim = new RemoteSimBroker();
    const acc = await remoteAccount(sim);
    const [order] = await app.db.query<{ id: string }>(
      "insert into public.orders (user_id, account_id, broker, symbol, side, qty, status, created_at) values ($1, $2, 'tradelocker', 'EURUSD', 'buy', 0.4, 'pending', now() - interval '1 minute') returning id",
      [acc.user.id, acc.id],
    );
    // The reconciler (on the leader replica) finds no trace after the grace period…
    const report = await reconcilePending({ olderThanMs: 0 });
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect((await orderRow(order.id)).status).toBe("expired");

    // …while the submitting replica's call was still queued; it then reaches the broker and fills.
    const late = await settleOrder(order.id, { status: "filled", brokerOrderId: "sim-late", filledQty: 0.4, avgPrice: 1.1002 });
    expect(late?.order.status).toBe("filled");
    expect(await orderRow(order.id)).toMatchObject({ status: "filled", filled_qty: 0.4, avg_price: 1.1002 });
    expect(await openQty(acc.id)).toEqual([0.4]);

    // A late answer that fills nothing leaves the expired order alone.
    const [other] = await app.db.query<{ id: string }>(
      "insert into public.orders (user_id, account_id, broker, symbol, side, qty, status, created_at) values ($1, $2, 'tradelocker', 'GBPUSD', 'buy', 1, 'pending', now() - interval '1 minute') returning id",
      [acc.user.id, acc.id],
    );
    await reconcilePending({ olderThanMs: 0 });
    expect(await settleOrder(other.id, { status: "rejected", reason: "market closed" })).toBeNull();
    expect(await settleOrder(other.id, { status: "submitted", brokerOrderId: "x" })).toBeNull();
    expect((await orderRow(other.id)).status).toBe("expired");
  });

  test("an exit whose answer was lost is settled from the broker's positions: closed there → filled and the position closed; still held → expired", async () => {
    const sim = new LostCloseAnswerBroker();
    const acc = await remoteAccount(sim);
    const opened = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { qty: 0.5 }));
    expect(opened.body.status).toBe("filled");
    const exit = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { action: "exit", side: "sell", qty: undefined }));
    expect(exit.body, JSON.stringify(exit.body)).toMatchObject({ status: "pending" });
    expect(sim.held).toEqual([]);

    await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 60_000) });
    const row = await orderRow(exit.body.order_id!);
    expect(row).toMatchObject({ status: "filled", filled_qty: 0.5 });
    expect(await openQty(acc.id)).toEqual([]);

    // The same lost answer when the close never reached the broker: nothing was executed.
    sim.closeReaches = false;
    const again = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { qty: 0.2, symbol: "GBPUSD" }));
    expect(again.body.status).toBe("filled");
    const exit2 = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { action: "exit", side: "sell", qty: undefined, symbol: "GBPUSD" }));
    expect(exit2.body.status).toBe("pending");
    const early = await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 10_000) });
    expect(early.stillUnknown).toBeGreaterThanOrEqual(1);
    await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 60_000) });
    expect((await orderRow(exit2.body.order_id!)).status).toBe("expired");
    expect(await openQty(acc.id)).toEqual([0.2]);
  });

  test("the settlement failing inside the answer budget answers pending (the broker acted), and the reconciler books it later — one order", async () => {
    const sim = new RemoteSimBroker();
    const acc = await remoteAccount(sim);
    // The database refuses the settlement once (a lost connection, a failover).
    await app.db.exec(`
      create sequence public.audit_fail_seq;
      create or replace function public.audit_fail_settle() returns trigger language plpgsql security definer as $$
      begin
        -- nextval is not rolled back with the failed transaction: only the first settlement fails.
        if new.status <> 'pending' and nextval('public.audit_fail_seq') = 1 then
          raise exception 'connection terminated unexpectedly';
        end if;
        return new;
      end $$;
      create trigger audit_fail_settle before update on public.orders for each row execute function public.audit_fail_settle();
    `);
    try {
      const res = await sendAlert<Answer>(app, "tradelocker", entry(acc.apiKey, { qty: 0.3 }, { id: "settle-fails-1" }));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("pending");
      expect(sim.book.size).toBe(1);
      const id = res.body.order_id!;
      expect((await orderRow(id)).status).toBe("pending");

      await reconcilePending({ olderThanMs: 0 });
      expect(await orderRow(id)).toMatchObject({ status: "filled", filled_qty: 0.3 });
      expect(await openQty(acc.id)).toEqual([0.3]);
      expect(sim.book.size).toBe(1);
    } finally {
      await app.db.exec("drop trigger if exists audit_fail_settle on public.orders; drop sequence if exists public.audit_fail_seq; drop function if exists public.audit_fail_settle()");
    }
  });
});

/** A TCP proxy in front of the NATS server that can be cut (a NATS outage) and restored. */
async function natsProxy(target: URL, opts: { up?: boolean } = {}) {
  const sockets = new Set<net.Socket>();
  let up = opts.up ?? true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port || 4222), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `nats://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.runIf(process.env.NATS_URL)("crash audit: a NATS outage neither fails nor slows alerts", () => {
  test("alerts answer within the budget with their real outcome while NATS is down, and events flow again once it is back", async () => {
    const proxy = await natsProxy(new URL(process.env.NATS_URL!.split(",")[0].trim()));
    const bus: Bus = await createNatsBus(proxy.url, `t_${crypto.randomBytes(6).toString("hex")}`);
    setBus(bus);
    try {
      const u = await newUser(app);
      const a = await newPaperAccount(app, u);
      const warm = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.1 }));
      expect(warm.body.status).toBe("filled");

      proxy.cut();
      await new Promise((r) => setTimeout(r, 100));
      let started = Date.now();
      const filled = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.1, symbol: "GBPUSD" }));
      expect(filled.status).toBe(200);
      expect(filled.body.status).toBe("filled");
      expect(Date.now() - started).toBeLessThan(1_500);

      await setRisk(app, u, { denied_instruments: ["USDJPY"] });
      started = Date.now();
      const blocked = await sendAlert<{ code?: string }>(app, "paper", entry(a.api_key, { qty: 0.1, symbol: "USDJPY" }));
      expect(blocked.status).toBe(422);
      expect(blocked.body.code).toBe("risk_blocked");
      expect(Date.now() - started).toBeLessThan(1_500);

      proxy.restore();
      const seen: string[] = [];
      const off = bus.subscribe("order.status", (e) => seen.push(e.payload.order.symbol));
      try {
        await expect
          .poll(
            async () => {
              await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1, symbol: "AUDUSD" }));
              return seen;
            },
            { timeout: 15_000, interval: 500 },
          )
          .toContain("AUDUSD");
      } finally {
        off();
      }
    } finally {
      await bus.close().catch(() => {});
      await proxy.close();
    }
  });
});

describe.runIf(process.env.NATS_URL)("crash audit: NATS unreachable when the app starts", () => {
  test("the bus is there at once, alerts work and events reach this replica; once NATS is up they reach the others", async () => {
    const realUrl = process.env.NATS_URL!;
    const proxy = await natsProxy(new URL(realUrl.split(",")[0].trim()), { up: false });
    const prefix = `t_${crypto.randomBytes(6).toString("hex")}`;
    const g = globalThis as Record<string, unknown>;
    const appBus = app.bus;
    let observer: Bus | null = null;
    Object.assign(process.env, { NATS_URL: proxy.url, NATS_SUBJECT_PREFIX: prefix });
    resetConfig();
    // A fresh process: no bus yet, and the caches have not subscribed to it.
    for (const key of ["__unifyBus", "__unifyKeyCache", "__unifySettingsCache", "__unifyStreamBuffer"]) delete g[key];
    try {
      const started = Date.now();
      const bus = await getBus();
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await bus.ping()).toBe(false);

      const u = await newUser(app);
      const a = await newPaperAccount(app, u);
      const seenHere: string[] = [];
      const off = bus.subscribe("order.status", (e) => seenHere.push(e.payload.order.symbol));
      const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.1 }));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("filled");
      await expect.poll(() => seenHere).toContain("EURUSD");

      proxy.restore();
      observer = await createNatsBus(realUrl, prefix);
      const seenThere: string[] = [];
      observer.subscribe("order.status", (e) => seenThere.push(e.payload.order.symbol));
      await expect
        .poll(
          async () => {
            await sendAlert(app, "paper", entry(a.api_key, { qty: 0.1, symbol: "GBPUSD" }));
            return seenThere;
          },
          { timeout: 15_000, interval: 500 },
        )
        .toContain("GBPUSD");
      expect(await bus.ping()).toBe(true);
      // Subscriptions made while NATS was unreachable moved to it.
      expect(seenHere).toContain("GBPUSD");
      off();
      await bus.close();
    } finally {
      await observer?.close().catch(() => {});
      await proxy.close();
      Object.assign(process.env, { NATS_URL: realUrl });
      delete process.env.NATS_SUBJECT_PREFIX;
      resetConfig();
      setBus(appBus);
    }
  });
});

describe("crash audit: metrics labels stay bounded", () => {
  test("GET /metrics — requests to made-up paths do not add a route label each", async () => {
    await call(app, "GET", "/health");
    for (let i = 0; i < 150; i++) await call(app, "POST", `/webhook/made-up-${i}`, {});
    const res = await call(app, "GET", "/metrics");
    const routes = new Set([...res.text.matchAll(/http_request_duration_seconds_count\{route="([^"]*)"/g)].map((m) => m[1]));
    expect(routes.size).toBeLessThanOrEqual(MAX_ROUTE_LABELS + 1);
    expect(routes).toContain("/health");
    // The route's template, not the path: one label for every broker name sent.
    expect(routes).toContain("/webhook/:broker");
    expect([...routes].filter((r) => r.includes("made-up"))).toEqual([]);
  });

  test("GET /metrics — webhook latency separates an answer at the 2.5 s budget from one past TradingView's 3 s", async () => {
    await call(app, "POST", "/webhook/paper", {});
    const res = await call(app, "GET", "/metrics");
    for (const le of ["2.5", "3", "5"]) expect(res.text).toMatch(new RegExp(`webhook_latency_seconds_bucket\\{le="${le}"`));
  });
});
