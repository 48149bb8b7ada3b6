import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { createNatsBus } from "../../lib/events/nats-bus";
import { startReplica, type Replica } from "../support/start-replica";

const natsUrl = process.env.NATS_URL;


// Needs a NATS server and Postgres (CI sets NATS_URL and DATABASE_URL); on the embedded
// default there is one process by design.
describe.runIf(natsUrl && process.env.DATABASE_URL)("two replicas on one Postgres and NATS", () => {
  let app: TestApp;
  let sharedBus: Awaited<ReturnType<typeof createNatsBus>>;
  let replica: Replica;
  const prefix = `scale_${Date.now().toString(36)}`;

  beforeAll(async () => {
    app = await startTestApp();
    // This process's bus must use the replica's prefix too.
    const { setBus } = await import("../../lib/events");
    sharedBus = await createNatsBus(natsUrl!, prefix);
    app.bus = sharedBus;
    setBus(sharedBus);
    replica = await startReplica({ ...process.env, NATS_SUBJECT_PREFIX: prefix, UNIFY_LOG_LEVEL: "error" });
  }, 60_000);
  afterAll(async () => {
    replica?.child.kill("SIGTERM");
    await sharedBus?.close();
    await app?.close();
  });

  test("an event published in one process arrives over NATS in another", async () => {
    const received = new Promise<unknown>((resolve) => {
      const off = app.bus.subscribe("risk.blocked", (e) => {
        off();
        resolve(e.payload);
      });
    });
    // The replica process publishes: send it an alert that a risk rule blocks.
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await fetch(`${replica.url}/api/unify/v1/risk`, {
      method: "PUT",
      headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        enabled: true, max_daily_loss_usd: null, max_daily_loss_pct: null, max_trades_per_day: null, max_open_trades: null,
        max_concurrent_positions: null, denied_instruments: ["EURUSD"],
        trading_hours: { enabled: false, start: "00:00", end: "23:59", timezone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
        news_lockout: { enabled: false, minutes_before: 15, minutes_after: 15, min_impact: "high" },
      }),
    });
    const res = await fetch(`${replica.url}/api/unify/v1/webhook/paper`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(entry(a.api_key)) });
    expect(res.status).toBe(422);
    expect(await received).toMatchObject({ rule: "denied_instruments", account_id: a.id });
  });

  test("a webhook handled by one replica reaches an SSE stream open on the other", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const controller = new AbortController();
    const stream = await fetch(`${replica.url}/api/unify/v1/stream`, { headers: { authorization: `Bearer ${u.token}` }, signal: controller.signal });
    const reader = stream.body!.getReader();
    await new Promise((r) => setTimeout(r, 300));
    const answer = await sendAlert<{ order_id: string }>(app, "paper", entry(a.api_key, { qty: 0.1 }));
    expect(answer.status).toBe(200);
    let text = "";
    const deadline = Date.now() + 5000;
    while (!text.includes(answer.body.order_id) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain("event: order");
    expect(text).toContain(answer.body.order_id);
  });
});
