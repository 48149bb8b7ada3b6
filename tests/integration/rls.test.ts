import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { asUser, type Claims } from "../../lib/db/as-user";

let app: TestApp;
let a: TestUser;
let b: TestUser;
let viewer: TestUser;
let admin: TestUser;
let accountA: TestAccount;

// Every table holding a user's rows, and its owner column.
const USER_TABLES: [string, string][] = [
  ["profiles", "id"],
  ["broker_accounts", "user_id"],
  ["api_keys", "user_id"],
  ["risk_settings", "user_id"],
  ["trading_config", "user_id"],
  ["orders", "user_id"],
  ["positions", "user_id"],
  ["logs", "user_id"],
  ["webhook_events", "user_id"],
  ["subscriptions", "user_id"],
  ["equity_history", "user_id"],
  ["idempotency_keys", "user_id"],
  ["webhook_signatures", "user_id"],
  ["account_day_stats", "user_id"],
  ["plan_usage", "user_id"],
  ["ea_devices", "user_id"],
  ["ea_commands", "user_id"],
  ["sessions", "user_id"],
];

const claims = (u: TestUser, role: Claims["role"] = "user"): Claims => ({ sub: u.id, role, email: u.email });

/** One row of user A in every user table, written with service access. */
async function seedRowsFor(u: TestUser, acc: TestAccount) {
  const q = (sql: string, params: unknown[]) => app.db.query(sql, params);
  await q("insert into public.risk_settings (user_id) values ($1)", [u.id]);
  await q("insert into public.trading_config (user_id) values ($1)", [u.id]);
  const [pos] = await app.db.query<{ id: string }>(
    "insert into public.positions (user_id, account_id, broker, symbol, side, qty, entry_price) values ($1, $2, 'paper', 'EURUSD', 'buy', 1, 1.1) returning id",
    [u.id, acc.id],
  );
  const [order] = await app.db.query<{ id: string }>(
    "insert into public.orders (user_id, account_id, broker, symbol, side, qty, position_id) values ($1, $2, 'paper', 'EURUSD', 'buy', 1, $3) returning id",
    [u.id, acc.id, pos.id],
  );
  await q("insert into public.webhook_events (user_id, account_id, outcome, status_code) values ($1, $2, 'accepted', 200)", [u.id, acc.id]);
  await q("insert into public.subscriptions (user_id, stripe_customer_id, plan, status) values ($1, 'cus_x', 'pro', 'active')", [u.id]);
  await q("insert into public.idempotency_keys (account_id, key, user_id) values ($1, 'k1', $2)", [acc.id, u.id]);
  await q("insert into public.webhook_signatures (account_id, signature, user_id) values ($1, 's1', $2)", [acc.id, u.id]);
  await q("insert into public.account_day_stats (account_id, day, user_id) values ($1, current_date, $2)", [acc.id, u.id]);
  await q("insert into public.plan_usage (user_id, period) values ($1, 'trial')", [u.id]);
  const [device] = await app.db.query<{ id: string }>(
    `insert into public.ea_devices (user_id, account_id, secret_enc) values ($1, $2, '{}') returning id`,
    [u.id, acc.id],
  );
  await q(
    "insert into public.ea_commands (user_id, account_id, device_id, order_id, action, payload, expires_at) values ($1, $2, $3, $4, 'open', '{}', now())",
    [u.id, acc.id, device.id, order.id],
  );
  await q("insert into public.logs (user_id, level, type, message) values ($1, 'info', 'test', 'hello')", [u.id]);
}

beforeAll(async () => {
  app = await startTestApp();
  [a, b, viewer, admin] = await Promise.all([newUser(app), newUser(app), newUser(app, "viewer"), newUser(app, "admin")]);
  accountA = await newPaperAccount(app, a);
  await seedRowsFor(a, accountA);
});
afterAll(() => app.close());

describe("Row-Level Security matrix", () => {
  test("every table in public has RLS enabled", async () => {
    const rows = await app.db.query<{ relname: string }>(
      "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity",
    );
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  test("user A's seed covers every user table", async () => {
    for (const [table, owner] of USER_TABLES) {
      const rows = await app.db.query(`select 1 from public.${table} where ${owner} = $1`, [a.id]);
      expect(rows.length, table).toBeGreaterThan(0);
    }
  });

  test.each(USER_TABLES)("%s: A reads own rows; B cannot read, update or delete them", async (table, owner) => {
    const own = await asUser(claims(a), (tx) => tx.query(`select 1 from public.${table} where ${owner} = $1`, [a.id]));
    expect(own.length).toBeGreaterThan(0);
    const seen = await asUser(claims(b), (tx) => tx.query(`select 1 from public.${table} where ${owner} = $1`, [a.id]));
    expect(seen).toHaveLength(0);
    // Either RLS filters the rows out (0 affected) or the grant refuses the statement outright.
    const updated = await asUser(claims(b), (tx) => tx.query(`update public.${table} set ${owner} = ${owner} where ${owner} = $1 returning 1`, [a.id])).catch(
      (err: Error) => (expect(err.message).toMatch(/permission denied/), []),
    );
    expect(updated).toHaveLength(0);
    const deleted = await asUser(claims(b), (tx) => tx.query(`delete from public.${table} where ${owner} = $1 returning 1`, [a.id])).catch(
      (err: Error) => (expect(err.message).toMatch(/permission denied/), []),
    );
    expect(deleted).toHaveLength(0);
    const still = await app.db.query(`select 1 from public.${table} where ${owner} = $1`, [a.id]);
    expect(still.length).toBeGreaterThan(0);
  });

  test("B cannot insert rows owned by A", async () => {
    await expect(
      asUser(claims(b), (tx) => tx.query("insert into public.risk_settings (user_id, broker) values ($1, 'paper')", [a.id])),
    ).rejects.toThrow(/row-level security|permission denied/);
    await expect(
      asUser(claims(b), (tx) =>
        tx.query("insert into public.orders (user_id, account_id, broker, symbol, side, qty) values ($1, $2, 'paper', 'X', 'buy', 1)", [a.id, accountA.id]),
      ),
    ).rejects.toThrow(/row-level security|permission denied/);
  });

  test("a user cannot change their own role, plan or status, nor plan usage or subscriptions", async () => {
    await expect(asUser(claims(a), (tx) => tx.query("update public.profiles set role = 'admin' where id = $1", [a.id]))).rejects.toThrow(/permission denied/);
    await expect(asUser(claims(a), (tx) => tx.query("update public.profiles set plan = 'elite' where id = $1", [a.id]))).rejects.toThrow(/permission denied/);
    await expect(asUser(claims(a), (tx) => tx.query("update public.plan_usage set trades = 0 where user_id = $1", [a.id]))).rejects.toThrow(/permission denied/);
    await expect(asUser(claims(a), (tx) => tx.query("delete from public.subscriptions where user_id = $1", [a.id]))).rejects.toThrow(/permission denied/);
    const renamed = await asUser(claims(a), (tx) => tx.query("update public.profiles set name = 'New' where id = $1 returning 1", [a.id]));
    expect(renamed).toHaveLength(1);
  });

  test("nobody reads password hashes, 2FA secrets or Stripe bookkeeping as a user — not even an admin", async () => {
    for (const c of [claims(a), claims(admin, "admin")]) {
      await expect(asUser(c, (tx) => tx.query("select * from public.user_credentials"))).rejects.toThrow(/permission denied/);
      await expect(asUser(c, (tx) => tx.query("select * from public.stripe_events"))).rejects.toThrow(/permission denied/);
    }
  });

  test("a viewer reads their own rows but cannot write", async () => {
    const acc = await app.db.query<{ id: string }>(
      `insert into public.broker_accounts (user_id, broker, name, webhook_secret_enc) values ($1, 'paper', 'v', '{}') returning id`,
      [viewer.id],
    );
    const own = await asUser(claims(viewer, "viewer"), (tx) => tx.query("select id from public.broker_accounts where user_id = $1", [viewer.id]));
    expect(own).toHaveLength(1);
    await expect(
      asUser(claims(viewer, "viewer"), (tx) => tx.query("insert into public.risk_settings (user_id) values ($1)", [viewer.id])),
    ).rejects.toThrow(/row-level security/);
    const upd = await asUser(claims(viewer, "viewer"), (tx) =>
      tx.query("update public.broker_accounts set name = 'x' where id = $1 returning 1", [acc[0].id]),
    );
    expect(upd).toHaveLength(0);
    const del = await asUser(claims(viewer, "viewer"), (tx) => tx.query("delete from public.broker_accounts where id = $1 returning 1", [acc[0].id]));
    expect(del).toHaveLength(0);
  });

  test.each(USER_TABLES)("%s: an admin reads A's rows", async (table, owner) => {
    const rows = await asUser(claims(admin, "admin"), (tx) => tx.query(`select 1 from public.${table} where ${owner} = $1`, [a.id]));
    expect(rows.length).toBeGreaterThan(0);
  });

  test("an admin cannot write another user's rows", async () => {
    const upd = await asUser(claims(admin, "admin"), (tx) =>
      tx.query("update public.broker_accounts set name = 'hijacked' where id = $1 returning 1", [accountA.id]),
    );
    expect(upd).toHaveLength(0);
  });

  test("admin_actions: admins append and read; nobody updates or deletes, not even the service", async () => {
    await asUser(claims(admin, "admin"), (tx) =>
      tx.query("insert into public.admin_actions (admin_id, action, target_user_id) values ($1, 'suspend', $2)", [admin.id, a.id]),
    );
    await expect(
      asUser(claims(a), (tx) => tx.query("insert into public.admin_actions (admin_id, action) values ($1, 'fake')", [a.id])),
    ).rejects.toThrow(/row-level security|permission denied/);
    expect(await asUser(claims(a), (tx) => tx.query("select 1 from public.admin_actions"))).toHaveLength(0);
    const seen = await asUser(claims(admin, "admin"), (tx) => tx.query("select 1 from public.admin_actions"));
    expect(seen.length).toBeGreaterThan(0);
    for (const sql of ["update public.admin_actions set action = 'x'", "delete from public.admin_actions", "truncate public.admin_actions"]) {
      await expect(asUser(claims(admin, "admin"), (tx) => tx.query(sql))).rejects.toThrow(/permission denied|append-only/);
      await expect(app.db.query(sql)).rejects.toThrow(/append-only/);
    }
  });
});

describe("RLS through the API", () => {
  test("B cannot see, change, delete or re-key A's account", async () => {
    const list = await call<{ accounts: { id: string }[] }>(app, "GET", "/accounts", undefined, { token: b.token });
    expect(list.body.accounts.map((x) => x.id)).not.toContain(accountA.id);
    expect((await call(app, "GET", `/accounts/${accountA.id}`, undefined, { token: b.token })).status).toBe(404);
    expect((await call(app, "PATCH", `/accounts/${accountA.id}`, { name: "pwned" }, { token: b.token })).status).toBe(404);
    expect((await call(app, "POST", `/accounts/${accountA.id}/api-key`, undefined, { token: b.token })).status).toBe(404);
    expect((await call(app, "DELETE", `/accounts/${accountA.id}`, undefined, { token: b.token })).status).toBe(404);
    const [row] = await app.db.query<{ name: string }>("select name from public.broker_accounts where id = $1", [accountA.id]);
    expect(row.name).toBe("Paper");
  });

  test("a viewer gets 403 on writes through the API", async () => {
    expect((await call(app, "POST", "/accounts", { broker: "paper", name: "x", mode: "demo" }, { token: viewer.token })).status).toBe(403);
  });
});
