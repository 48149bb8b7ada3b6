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

/** A paper broker whose order call never returns: the process dies mid-call. */
class HangingPaper extends PaperAdapter {
  async placeOrder(): Promise<PlaceOrderResult> {
    return new Promise(() => {});
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

  test("the broker never got it (paper): after restart it is marked expired with the reason — nothing executed, nothing silently lost", async () => {
    const prev = apps[apps.length - 1];
    await prev.crash();
    const app = await startTestApp({ db: prev.db });
    apps.push(app);
    registerAdapter(new HangingPaper());
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const res = await sendAlert<Answer>(app, "paper", entry(a.api_key, { qty: 0.1 }));
    expect(res.body.status).toBe("pending");

    await app.crash();
    const restarted = await startTestApp({ db: app.db });
    apps.push(restarted);
    const early = await reconcilePending({ olderThanMs: 0 });
    expect(early.stillUnknown).toBeGreaterThanOrEqual(1);
    const later = await reconcilePending({ olderThanMs: 0, now: new Date(Date.now() + 60_000) });
    expect(later.expired).toBeGreaterThanOrEqual(1);
    const [order] = await restarted.db.query<{ status: string; reason: string }>("select status, reason from public.orders where id = $1", [res.body.order_id]);
    expect(order.status).toBe("expired");
    expect(order.reason).toMatch(/not sent/);
    expect(await restarted.db.query("select 1 from public.positions where account_id = $1", [a.id])).toHaveLength(0);
    const logs = await call<{ logs: { message: string }[] }>(restarted, "GET", "/logs?type=order", undefined, { token: u.token });
    expect(logs.body.logs[0].message).toMatch(/expired/);
  });
});
