import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newUser } from "../support/client";
import { ackBodyJson, EaClient, eaSignature, pollBodyJson } from "../support/ea-client";
import { MetaTraderAdapter } from "../../brokers/mt/adapter";
import { orderComment } from "../../brokers/mt/order-comment";
import { settleOrder } from "../../lib/execution/settle-order";
import { expireCommands } from "../../lib/ea/expire-commands";
import { markSilentDevicesDown } from "../../lib/ea/device-liveness";
import { syncAccounts } from "../../lib/execution/sync-accounts";
import type { AccountRef } from "../../brokers/types";
import type { WireCommand } from "../../lib/ea/schemas";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const adapter = new MetaTraderAdapter("mt5", { commandTimeoutMs: 30_000, pendingGraceMs: 30_000, offlineAfterMs: 10_000, ackWaitMs: 3_000 });
const eurusd = () => adapter.instrument({} as AccountRef, "OANDA:EURUSD");

type Connected = { ref: AccountRef; ea: EaClient; token: string; deviceId: string; secret: string };

/** A new trader with one mt5 account (the trial plan allows one) and the EA client set up with its device. */
async function connectMt5(opts: { seal?: boolean } = {}): Promise<Connected> {
  const user = await newUser(app);
  const res = await call<{ account: { id: string; status: string }; ea_device: { device_id: string; device_secret: string } }>(
    app,
    "POST",
    "/accounts",
    { broker: "truforex", name: "TruForex", mode: "demo" },
    { token: user.token },
  );
  expect(res.status).toBe(201);
  const { device_id, device_secret } = res.body.ea_device;
  return {
    ref: { accountId: res.body.account.id, userId: user.id, mode: "demo", externalAccountId: null, credentials: null },
    ea: new EaClient(app.url, device_id, device_secret, opts),
    token: user.token,
    deviceId: device_id,
    secret: device_secret,
  };
}

/** An entry order as the pipeline records it before sending, then sent through the adapter and settled as the pipeline does. */
async function placeThroughAdapter(c: Connected, order: { side?: "buy" | "sell"; qty?: number; sl?: number; tp?: number } = {}) {
  const [row] = await app.db.query<{ id: string }>(
    `insert into public.orders (user_id, account_id, broker, symbol, side, type, qty, value_per_point, status, stop_loss, take_profit)
     values ($1, $2, 'mt5', 'EURUSD', $3, 'market', $4, 100000, 'pending', $5, $6) returning id`,
    [c.ref.userId, c.ref.accountId, order.side ?? "buy", order.qty ?? 0.1, order.sl ?? null, order.tp ?? null],
  );
  const result = await adapter.placeOrder(c.ref, {
    clientOrderId: row.id,
    instrument: await eurusd(),
    side: order.side ?? "buy",
    type: "market",
    qty: order.qty ?? 0.1,
    stopLoss: order.sl,
    takeProfit: order.tp,
  });
  await settleOrder(row.id, result);
  return { orderId: row.id, result };
}

const orderRow = async (id: string) =>
  (await app.db.query<{ status: string; avg_price: number | null; filled_qty: number; broker_order_id: string | null; reason: string | null }>(
    "select status, avg_price, filled_qty, broker_order_id, reason from public.orders where id = $1",
    [id],
  ))[0];
const commandRow = async (orderId: string) =>
  (await app.db.query<{ status: string; result: Record<string, unknown> | null }>("select status, result from public.ea_commands where order_id = $1", [orderId]))[0];
const accountRow = async (id: string) =>
  (await app.db.query<{ status: string; status_reason: string | null; balance: number; equity: number }>(
    "select status, status_reason, balance, equity from public.broker_accounts where id = $1",
    [id],
  ))[0];

/** Polls like the EA's timer until a command arrives (the adapter may still be queueing it). */
async function pollUntilCommand(ea: EaClient, tries = 40): Promise<WireCommand[]> {
  for (let i = 0; i < tries; i++) {
    const res = await ea.poll();
    expect(res.status).toBe(200);
    if (res.commands.length) return res.commands;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no command arrived");
}

describe("the EA's bytes (what UnifyBridge.mq5 builds, as documented in brokers/mt/README.md)", () => {
  test("poll and ack bodies: field order, 2-decimal money and lots, prices with the symbol's digits, error only on a rejection", () => {
    const body = pollBodyJson(
      {
        balance: 10_000,
        equity: 10_012.4,
        margin: 108.51,
        currency: "USD",
        symbol_suffix: ".m",
        positions: [
          { ticket: "5000001", symbol: "EURUSD", side: "buy", lots: 0.1, open_price: 1.08512, current_price: 1.08636, sl: 1.08, tp: 1.09, profit: 12.4, comment: "unify:0b4kq1x8mr2v9t6c3z7y5n1pa", digits: 5 },
        ],
        orders: [],
      },
      1718,
    );
    expect(body).toBe(
      '{"nonce":1718,"account_state":{"balance":10000.00,"equity":10012.40,"margin":108.51,"currency":"USD","symbol_suffix":".m",' +
        '"positions":[{"ticket":"5000001","symbol":"EURUSD","side":"buy","lots":0.10,"open_price":1.08512,"current_price":1.08636,' +
        '"sl":1.08000,"tp":1.09000,"profit":12.40,"comment":"unify:0b4kq1x8mr2v9t6c3z7y5n1pa"}],"orders":[]}}',
    );
    const ack = { command_id: "c1", ticket: "", price: 0, lots: 0, profit: 0, count: 0 };
    expect(ackBodyJson({ ...ack, status: "filled" }, 7)).toBe('{"nonce":7,"command_id":"c1","status":"filled","ticket":"","price":0.00000,"lots":0.00,"profit":0.00,"count":0}');
    expect(ackBodyJson({ ...ack, status: "rejected", error: 'Say "no"\n' }, 8)).toMatch(/,"error":"Say \\"no\\"\\n"}$/);
  });

  test("the signature header is t=<seconds>,v1=<64 lower-case hex> over t + '.' + body", () => {
    expect(eaSignature("ued_secret", "{}", 1_760_000_000)).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
  });
});

describe("MetaTrader EA bridge", () => {
  test("a poll with an odd position (a negative CFD price, a broker-extended comment) is taken, not refused: the account stays active", async () => {
    const c = await connectMt5();
    c.ea.state = {
      ...c.ea.state,
      positions: [{ ticket: "7000001", symbol: "USOIL", side: "buy", lots: 1, open_price: -3.21, current_price: -2.5, sl: 0, tp: 0, profit: 71, comment: `manual trade ${"x".repeat(90)}`, digits: 2 }],
    };
    const res = await c.ea.poll();
    expect(res.status, res.text).toBe(200);
    expect((await accountRow(c.ref.accountId)).status).toBe("active");
  });

  test("POST /ea/poll with nothing queued → 200 {commands: []}; the account turns active with the terminal's balance", async () => {
    const c = await connectMt5();
    expect((await accountRow(c.ref.accountId)).status).toBe("down");
    c.ea.state = { ...c.ea.state, balance: 25_000.5, equity: 25_010.25, margin: 120 };
    const res = await c.ea.poll();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ commands: [] });
    expect(await accountRow(c.ref.accountId)).toMatchObject({ status: "active", status_reason: null, balance: 25_000.5, equity: 25_010.25 });
    const list = await call<{ accounts: { status: string; last_sync: string | null }[] }>(app, "GET", "/accounts", undefined, { token: c.token });
    expect(list.body.accounts[0].status).toBe("active");
    expect(list.body.accounts[0].last_sync).not.toBeNull();
    expect((await adapter.accountState(c.ref)).balance).toBe(25_000.5);
  });

  test("an order queued through the adapter is collected, executed, acked and becomes filled; a duplicate ack is harmless", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId, result } = await placeThroughAdapter(c, { sl: 1.08, tp: 1.1 });
    expect(result).toEqual({ status: "submitted" });
    expect((await orderRow(orderId)).status).toBe("submitted");

    const [cmd] = await pollUntilCommand(c.ea);
    expect(cmd).toEqual({ command_id: expect.any(String), action: "open", symbol: "EURUSD", side: "buy", lots: 0.1, sl: 1.08, tp: 1.1, comment: orderComment(orderId) });
    expect((await commandRow(orderId)).status).toBe("sent");
    expect((await c.ea.poll()).commands).toEqual([]);

    const ack = c.ea.execute(cmd, 1.08512);
    const first = await c.ea.ack(ack);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ok: true, status: "filled", duplicate: false });
    expect(await orderRow(orderId)).toMatchObject({ status: "filled", avg_price: 1.08512, filled_qty: 0.1, broker_order_id: ack.ticket });
    const [position] = await app.db.query<{ side: string; qty: number; entry_price: number }>(
      "select side, qty, entry_price from public.positions where account_id = $1 and status = 'open'",
      [c.ref.accountId],
    );
    expect(position).toMatchObject({ side: "buy", qty: 0.1, entry_price: 1.08512 });

    const again = await c.ea.ack(ack);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: "filled", duplicate: true });
    const positions = await app.db.query("select 1 from public.positions where account_id = $1", [c.ref.accountId]);
    expect(positions).toHaveLength(1);
    expect(await adapter.findOrder(c.ref, orderId)).toEqual({ status: "filled", brokerOrderId: ack.ticket, avgPrice: 1.08512, filledQty: 0.1 });

    // The terminal's positions come back through the next poll.
    await c.ea.poll();
    expect(await adapter.positions(c.ref)).toEqual([
      expect.objectContaining({ symbol: "EURUSD", side: "buy", qty: 0.1, entryPrice: 1.08512, stopLoss: 1.08, takeProfit: 1.1, brokerPositionId: ack.ticket }),
    ]);
  });

  test("a position the terminal closed by itself (its stop loss) is closed here by the sync, from the EA's next poll", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c, { sl: 1.08 });
    const [cmd] = await pollUntilCommand(c.ea);
    expect((await c.ea.ack(c.ea.execute(cmd, 1.08512))).status).toBe(200);
    expect((await orderRow(orderId)).status).toBe("filled");
    // Synced right after the ack, before the EA polled again: the ack is newer than the
    // terminal's last report, so the sync leaves the position alone.
    await syncAccounts({ accountId: c.ref.accountId });
    const open = () => app.db.query("select id from public.positions where account_id = $1 and status = 'open'", [c.ref.accountId]);
    expect(await open()).toHaveLength(1);
    // The stop loss hits in the terminal: the next poll reports no position.
    c.ea.state.positions = [];
    await c.ea.poll();
    const report = await syncAccounts({ accountId: c.ref.accountId });
    expect(report.positionsClosed).toBe(1);
    expect(await open()).toHaveLength(0);
  });

  test("a rejected ack settles the order rejected with the terminal's reason", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    const [cmd] = await pollUntilCommand(c.ea);
    const res = await c.ea.ack({ command_id: cmd.command_id, status: "rejected", ticket: "", price: 0, lots: 0, profit: 0, count: 0, error: "Not enough money (10019)" });
    expect(res.status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "rejected", reason: "Not enough money (10019)" });
  });

  test("POST /ea/ack with the EA's long error list (a close failing on many positions) → 200, the order rejected with the list cut to 500 characters — not 400, which the EA drops for good", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    const [cmd] = await pollUntilCommand(c.ea);
    // ExecuteClose appends "#<ticket>: <description> (<code>); " per position that failed.
    const error = Array.from({ length: 20 }, (_, i) => `#${5_000_001 + i}: Market is closed (10018); `).join("");
    expect(error.length).toBeGreaterThan(500);
    const res = await c.ea.ack({ command_id: cmd.command_id, status: "rejected", ticket: "", price: 0, lots: 0, profit: 0, count: 0, error });
    expect(res.status).toBe(200);
    const order = await orderRow(orderId);
    expect(order.status).toBe("rejected");
    expect(order.reason).toMatch(/^#5000001: Market is closed \(10018\); #5000002/);
    expect(order.reason!.length).toBeLessThanOrEqual(500);
  });

  test("a replayed poll signature → 401 signature_replayed; a bad signature → 401 invalid_signature; a stale one → 401 signature_expired", async () => {
    const c = await connectMt5();
    expect((await c.ea.poll()).status).toBe(200);
    const replayed = await c.ea.replay();
    expect(replayed.status).toBe(401);
    expect(replayed.json).toMatchObject({ code: "signature_replayed" });

    const body = pollBodyJson(c.ea.state, c.ea.nextNonce());
    const forged = new EaClient(app.url, c.deviceId, `${c.secret}x`);
    const bad = await forged.send("/ea/poll", body);
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ code: "invalid_signature" });

    // The body is checked against the signature before it is parsed: garbage with a bad signature is 401, not 400.
    const garbage = await forged.send("/ea/poll", "{not json");
    expect(garbage.status).toBe(401);

    const stale = await c.ea.send("/ea/poll", body, c.ea.headersFor(body, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(401);
    expect(stale.json).toMatchObject({ code: "signature_expired" });

    const unknown = await new EaClient(app.url, "00000000-0000-4000-8000-000000000000", c.secret).send("/ea/poll", body);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ code: "unauthorized" });
    const noHeaders = await c.ea.send("/ea/poll", body, { "Content-Type": "application/json" });
    expect(noHeaders.status).toBe(401);
  });

  test("a validly signed but malformed body → 400 invalid_request naming the field", async () => {
    const c = await connectMt5();
    const res = await c.ea.send("/ea/poll", '{"account_state":{"balance":"lots","equity":1,"margin":0}}');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: "invalid_request", errors: [{ path: "account_state.balance" }] });
    const ack = await c.ea.send("/ea/ack", '{"command_id":"nope","status":"filled","ticket":"1","price":1}');
    expect(ack.status).toBe(400);
    expect(ack.json).toMatchObject({ errors: [{ path: "command_id" }] });
  });

  test("an ack for a command that does not exist, or is another device's → 404", async () => {
    const a = await connectMt5();
    const b = await connectMt5();
    await a.ea.poll();
    await b.ea.poll();
    await placeThroughAdapter(a);
    const [cmd] = await pollUntilCommand(a.ea);
    const ack = a.ea.execute(cmd, 1.085);
    expect((await b.ea.ack(ack)).status).toBe(404);
    expect((await a.ea.ack({ ...ack, command_id: "11111111-1111-4111-8111-111111111111" })).status).toBe(404);
  });

  test("a command nobody collects expires, and its order is expired with a reason the trader understands", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    await expireCommands(new Date(Date.now() + 5_000), { pendingGraceMs: 30_000 });
    expect((await orderRow(orderId)).status).toBe("submitted");

    const report = await expireCommands(new Date(Date.now() + 31_000), { pendingGraceMs: 30_000 });
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect((await commandRow(orderId)).status).toBe("expired");
    const order = await orderRow(orderId);
    expect(order.status).toBe("expired");
    expect(order.reason).toMatch(/never sent to the terminal.*UnifyBridge EA/);
    // It is never handed out afterwards.
    expect((await c.ea.poll()).commands).toEqual([]);
    expect(await adapter.findOrder(c.ref, orderId)).toMatchObject({ status: "expired" });
  });

  test("an EA back from a long offline period is never handed a command past its deadline, even before the expiry job ran", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    // MetaTrader went away right after; the deadline passed while nobody (not even the job) looked.
    await app.db.query("update public.ea_commands set expires_at = now() - interval '1 hour' where order_id = $1", [orderId]);
    expect((await c.ea.poll()).commands).toEqual([]);
    expect((await commandRow(orderId)).status).toBe("queued");
    await expireCommands(new Date(), { pendingGraceMs: 30_000 });
    expect(await orderRow(orderId)).toMatchObject({ status: "expired", reason: expect.stringMatching(/never sent to the terminal/) });
    expect((await c.ea.poll()).commands).toEqual([]);
  });

  test("a collected command without an ack is reported pending, then expired after the grace period", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    await pollUntilCommand(c.ea);

    await expireCommands(new Date(Date.now() + 31_000), { pendingGraceMs: 30_000 });
    expect(await orderRow(orderId)).toMatchObject({ status: "pending", reason: expect.stringMatching(/has not confirmed it yet/) });
    expect(await adapter.findOrder(c.ref, orderId)).toMatchObject({ status: "pending" });
    // Reported once, not on every run.
    const reportedAt = (await commandRow(orderId)).result?.pending_reported_at;
    await expireCommands(new Date(Date.now() + 40_000), { pendingGraceMs: 30_000 });
    expect((await commandRow(orderId)).result?.pending_reported_at).toBe(reportedAt);

    await expireCommands(new Date(Date.now() + 61_000), { pendingGraceMs: 30_000 });
    expect(await orderRow(orderId)).toMatchObject({ status: "expired", reason: expect.stringMatching(/may or may not have been executed/) });
  });

  test("after a lost ack, the position carrying the order's comment settles the order filled", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c, { side: "sell", qty: 0.25 });
    const [cmd] = await pollUntilCommand(c.ea);
    const lostAck = c.ea.execute(cmd, 1.0841);
    await c.ea.poll();
    expect(await adapter.findOrder(c.ref, orderId)).toEqual({ status: "filled", brokerOrderId: lostAck.ticket, avgPrice: 1.0841, filledQty: 0.25 });

    const report = await expireCommands(new Date(Date.now() + 31_000), { pendingGraceMs: 30_000 });
    expect(report.matched).toBeGreaterThanOrEqual(1);
    expect((await commandRow(orderId)).result).toMatchObject({ matched_position: true });
    expect(await orderRow(orderId)).toMatchObject({ status: "filled", avg_price: 1.0841, broker_order_id: lostAck.ticket });
    // The EA's late ack is still accepted as a duplicate.
    expect((await c.ea.ack(lostAck)).json).toMatchObject({ duplicate: true });
  });

  test("a terminal that restarts after executing (ack lost) and reports the position only after the order expired → the order is booked filled, not left expired", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c, { qty: 0.4 });
    const [cmd] = await pollUntilCommand(c.ea);
    // The EA executes, then MetaTrader dies before the ack or another poll (its ack queue is in memory).
    const lostAck = c.ea.execute(cmd, 1.0855);

    await expireCommands(new Date(Date.now() + 31_000), { pendingGraceMs: 30_000 });
    await expireCommands(new Date(Date.now() + 61_000), { pendingGraceMs: 30_000 });
    expect(await orderRow(orderId)).toMatchObject({ status: "expired" });

    // MetaTrader is back: its first poll reports the position carrying the order's id.
    expect((await c.ea.poll()).status).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "filled", avg_price: 1.0855, filled_qty: 0.4, broker_order_id: lostAck.ticket });
    expect(await commandRow(orderId)).toMatchObject({ status: "filled", result: expect.objectContaining({ matched_position: true, late: true }) });
    const open = await app.db.query<{ qty: number }>("select qty from public.positions where account_id = $1 and status = 'open'", [c.ref.accountId]);
    expect(open).toEqual([{ qty: 0.4 }]);
    const [warning] = await app.db.query<{ message: string }>("select message from public.logs where user_id = $1 and level = 'warn' and message like '%after Unify had%'", [c.ref.userId]);
    expect(warning?.message).toMatch(/MetaTrader executed .* after Unify had already marked/);

    // Further polls book nothing more.
    await c.ea.poll();
    expect(await app.db.query("select 1 from public.positions where account_id = $1", [c.ref.accountId])).toHaveLength(1);
    expect((await orderRow(orderId)).filled_qty).toBe(0.4);
  });

  test("an EA that stops polling marks the account down (account.update published); polling again marks it active", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    const events: { status: string }[] = [];
    const off = app.bus.subscribe("account.update", (e) => {
      if (e.payload.account.id === c.ref.accountId) events.push({ status: e.payload.account.status });
    });
    try {
      expect(await markSilentDevicesDown(new Date(Date.now() + 5_000), { offlineAfterMs: 10_000 })).not.toContain(c.ref.accountId);
      expect(await markSilentDevicesDown(new Date(Date.now() + 11_000), { offlineAfterMs: 10_000 })).toContain(c.ref.accountId);
      const down = await accountRow(c.ref.accountId);
      expect(down.status).toBe("down");
      expect(down.status_reason).toMatch(/has not polled since .* UTC/);
      await expect.poll(() => events.map((e) => e.status)).toContain("down");

      // Orders for an offline terminal are refused at once, not queued to run late.
      const refused = await adapter.placeOrder({ ...c.ref }, { clientOrderId: "2b1d4a8e-8c1f-4e5e-9a53-3f0c2f7d9e10", instrument: await eurusd(), side: "buy", type: "market", qty: 0.1 });
      expect(refused).toMatchObject({ status: "rejected", brokerCode: "ea_offline" });

      expect((await c.ea.poll()).status).toBe(200);
      expect((await accountRow(c.ref.accountId)).status).toBe("active");
      // The first poll's own "active" may still be on its way when the test subscribed: only
      // what follows the down counts.
      await expect.poll(() => events.map((e) => e.status).slice(events.findIndex((e) => e.status === "down"))).toEqual(["down", "active"]);
    } finally {
      off();
    }
  });

  test("sealed answers (X-Seal-Commands: 1, or the device's seal_commands) open the EA's way and carry the same commands", async () => {
    const c = await connectMt5({ seal: true });
    await c.ea.poll();
    const { orderId } = await placeThroughAdapter(c);
    const [cmd] = await pollUntilCommand(c.ea);
    expect(c.ea.last && JSON.parse(c.ea.last.body)).toHaveProperty("account_state");
    expect(cmd).toMatchObject({ action: "open", comment: orderComment(orderId) });

    await app.db.query("update public.ea_devices set seal_commands = true where id = $1", [c.deviceId]);
    const plainClient = new EaClient(app.url, c.deviceId, c.secret);
    const res = await plainClient.poll();
    expect(res.json).toHaveProperty("sealed");
    expect(res.text).not.toContain("commands");
  });

  test("closePosition waits for the EA and returns the fill with its realised P&L; closeAll reports the count", async () => {
    const c = await connectMt5();
    await c.ea.poll();
    await placeThroughAdapter(c, { qty: 0.2 });
    c.ea.execute((await pollUntilCommand(c.ea))[0], 1.08);
    const instrument = await eurusd();

    const closing = adapter.closePosition(c.ref, instrument, 0.2, { side: "buy", qty: 0.2, entryPrice: 1.08 });
    const [close] = await pollUntilCommand(c.ea);
    expect(close).toMatchObject({ action: "close", symbol: "EURUSD", side: "buy", lots: 0.2, sl: null, tp: null });
    expect((await c.ea.ack(c.ea.execute(close, 1.081))).status).toBe(200);
    expect(await closing).toMatchObject({ status: "filled", avgPrice: 1.081, filledQty: 0.2, realizedPnl: 20 });

    const nothing = adapter.closePosition(c.ref, instrument);
    await c.ea.ack(c.ea.execute((await pollUntilCommand(c.ea))[0], 1.081));
    expect(await nothing).toMatchObject({ status: "rejected", reason: "no open position in EURUSD" });

    await placeThroughAdapter(c, { qty: 0.1 });
    c.ea.execute((await pollUntilCommand(c.ea))[0], 1.082);
    await placeThroughAdapter(c, { side: "sell", qty: 0.3 });
    c.ea.execute((await pollUntilCommand(c.ea))[0], 1.082);
    const flatten = adapter.closeAll(c.ref);
    const [all] = await pollUntilCommand(c.ea);
    expect(all).toMatchObject({ action: "close_all", symbol: null, side: null, lots: null });
    await c.ea.ack(c.ea.execute(all, 0));
    expect(await flatten).toEqual({ closed: 2, errors: [] });
    expect(c.ea.state.positions).toEqual([]);
  });
});
