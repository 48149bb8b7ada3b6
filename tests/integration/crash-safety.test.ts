import { afterAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { registerAdapter } from "../../brokers/registry";
import { PaperAdapter } from "../../brokers/paper/adapter";
import { reconcilePending } from "../../lib/execution/reconcile";
import type { PlaceOrderResult } from "../../brokers/types";
import { RemoteSimBroker } from "../support/remote-sim-broker";

const apps: TestApp[] = [];
afterAll(async () => {
  await apps[apps.length - 1]?.close();
});

type Answer = { status?: string; order_id?: string; latency_ms?: number };

/** A paper broker whose process dies in the middle of the admission transaction. */
class CrashingPaper extends PaperAdapter {
  async placeOrder(): Promise<PlaceOrderResult> {
    throw new Error("process killed");
  }
}

describe("crash safety: an order interrupted mid-call is neither doubled nor lost", () => {
  test("the broker received it: answer pending within 2.5 s, restart, the reconciler settles it by client id — one order", async () => {
    const app = await startTestApp();
    apps.push(app);
    await app.db.query("select 1");
    const sim = new RemoteSimBroker();
    registerAdapter(sim);
    const u = await newUser(app);
    const acc = await call<{ account: { id: string }; api_key: string }>(app, "POST", "/accounts", { broker: "tradelocker", name: "Sim", mode: "demo", credentials: { email: "x@y.z" } }, { token: u.token });
    expect(acc.status).toBe(201);

    sim.hangAfterAccepting = true;
    const started = Date.now();
    const res = await sendAlert<Answer>(app, "tradelocker", entry(acc.body.api_key, { qty: 0.5 }, { id: "crash-1" }));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("pending");
    expect(elapsed).toBeLessThan(2_900);
    expect(sim.book.size).toBe(1);

    // The process dies with the broker call in flight; a new one starts on the same database.
    await app.crash();
    const restarted = await startTestApp({ db: app.db });
    apps.push(restarted);
    registerAdapter(sim);
    sim.hangAfterAccepting = false;
    const report = await reconcilePending({ olderThanMs: 0 });
    expect(report.settled).toBe(1);

    const orders = await restarted.db.query<{ id: string; status: string; filled_qty: number }>("select id, status, filled_qty from public.orders where account_id = $1", [acc.body.account.id]);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: res.body.order_id, status: "filled", filled_qty: 0.5 });
    expect(sim.book.size).toBe(1);
    const positions = await call<{ positions: { qty: number }[] }>(restarted, "GET", "/positions", undefined, { token: u.token });
    expect(positions.body.positions.map((p) => p.qty)).toEqual([0.5]);

    // TradingView retrying the same alert after the restart creates nothing new.
    const retry = await sendAlert<Answer>(restarted, "tradelocker", entry(acc.body.api_key, { qty: 0.5 }, { id: "crash-1" }));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(sim.book.size).toBe(1);
    expect(await restarted.db.query("select 1 from public.orders where account_id = $1", [acc.body.account.id])).toHaveLength(1);
  });

  test("paper books the fill inside the admission transaction: a crash mid-way leaves nothing, and the retried alert makes exactly one order", async () => {
    const prev = apps[apps.length - 1];
    await prev.crash();
    const app = await startTestApp({ db: prev.db });
    apps.push(app);
    registerAdapter(new CrashingPaper());
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.1 }, { id: "paper-crash-1" }));
    expect(res.status).toBe(500);
    const none = await app.db.query("select 1 from public.orders where account_id = $1 union all select 1 from public.positions where account_id = $1", [a.id]);
    expect(none).toHaveLength(0);
    expect(await app.db.query("select 1 from public.idempotency_keys where account_id = $1", [a.id])).toHaveLength(0);

    await app.crash();
    const restarted = await startTestApp({ db: app.db });
    apps.push(restarted);
    const retry = await sendAlert<Answer>(restarted, "paper", entry(a.api_key, { qty: 0.1 }, { id: "paper-crash-1" }));
    expect(retry.body.status).toBe("filled");
    const again = await sendAlert<Answer>(restarted, "paper", entry(a.api_key, { qty: 0.1 }, { id: "paper-crash-1" }));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await restarted.db.query("select 1 from public.orders where account_id = $1", [a.id])).toHaveLength(1);
  });

  test("an order left pending that the broker has no record of is marked expired with the reason after the grace period", async () => {
    const app = apps[apps.length - 1];
    const sim = new RemoteSimBroker();
    registerAdapter(sim);
    const u = await newUser(app);
    const acc = await call<{ account: { id: string } }>(app, "POST", "/accounts", { broker: "tradelocker", name: "Sim", mode: "demo", credentials: { email: "x@y.z" } }, { token: u.token });
    // An order recorded as pending whose broker call never happened (the process died between commit and send).
    const [order] = await app.db.query<{ id: string }>(
      "insert into public.orders (user_id, account_id, broker, symbol, side, qty, status) values ($1, $2, 'tradelocker', 'EURUSD', 'buy', 1, 'pending') returning id",
      [u.id, acc.body.account.id],
    );
    expect(acc.status).toBe(201);
    const early = await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 1_000) });
    expect(early.stillUnknown).toBeGreaterThanOrEqual(1);
    const later = await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 60_000) });
    expect(later.expired).toBeGreaterThanOrEqual(1);
    const [row] = await app.db.query<{ status: string; reason: string }>("select status, reason from public.orders where id = $1", [order.id]);
    expect(row.status).toBe("expired");
    expect(row.reason).toMatch(/not sent/);
    expect(sim.book.size).toBe(0);
    const logs = await call<{ logs: { message: string }[] }>(app, "GET", "/logs?type=order", undefined, { token: u.token });
    expect(logs.body.logs[0].message).toMatch(/expired/);
  });
});
