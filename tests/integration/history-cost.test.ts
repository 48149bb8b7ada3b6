import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import type { Queryable } from "../../lib/db/types";
import { executeStatement } from "../../lib/db/sql-text";
import { readAccountSnapshot } from "../../lib/execution/day-stats";
import { busySymbols } from "../../lib/execution/sync-accounts-apply";

// The statements run for every alert (and every minute per synced account) must cost the
// same however long an account's history is: no plan may read a history table whole.
const HISTORY_TABLES = ["orders", "positions", "idempotency_keys", "webhook_signatures", "webhook_events"];

let app: TestApp;
let u: TestUser;
let a: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  u = await newUser(app);
  a = await newPaperAccount(app, u);
  const other = await newUser(app);
  const b = await newPaperAccount(app, other);
  // A long history for this account and another trader's: filled orders, closed positions,
  // used idempotency keys and signatures, webhook events.
  for (const [user, account] of [[u.id, a.id], [other.id, b.id]]) {
    await app.db.query(
      `insert into public.orders (user_id, account_id, broker, symbol, action, side, type, qty, value_per_point, status, source, filled_qty, updated_at)
       select $1, $2, 'paper', case when i % 2 = 0 then 'EURUSD' else 'GBPUSD' end, 'entry', 'buy', 'market', 0.01, 100000, 'filled', 'webhook', 0.01,
         now() - interval '1 day'
       from generate_series(1, 20000) i`,
      [user, account],
    );
    await app.db.query(
      `insert into public.positions (user_id, account_id, broker, symbol, side, qty, entry_price, value_per_point, status, opened_at, closed_at, updated_at)
       select $1, $2, 'paper', 'EURUSD', 'buy', 0.01, 1.1, 100000, 'closed', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
       from generate_series(1, 10000)`,
      [user, account],
    );
    await app.db.query("insert into public.idempotency_keys (account_id, key, user_id) select $2, 'k-' || i, $1 from generate_series(1, 20000) i", [user, account]);
    await app.db.query("insert into public.webhook_signatures (account_id, signature, user_id) select $2, 's-' || i, $1 from generate_series(1, 20000) i", [user, account]);
    await app.db.query(
      "insert into public.webhook_events (user_id, account_id, broker, outcome, status_code) select $1, $2, 'paper', 'accepted', 200 from generate_series(1, 20000)",
      [user, account],
    );
  }
  await app.db.exec("analyze");
}, 120_000);
afterAll(() => app.close());

/**
 * The plans of the statements `run` sends, as the database would run them with the given
 * plan cache mode (custom plans see the values; generic plans, used after a few executions
 * of a prepared statement, do not). Nothing is executed.
 */
async function plansOf(mode: "force_custom_plan" | "force_generic_plan", run: (q: Queryable) => Promise<unknown>): Promise<string> {
  let plans = "";
  const rollback = new Error("rollback");
  await app.db
    .transaction(async (tx) => {
      await tx.exec(`set local plan_cache_mode = ${mode}`);
      let n = 0;
      const explain = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => {
        const name = `history_plan_${++n}`;
        await tx.exec(`prepare ${name} as ${sql}`);
        const rows = await tx.query<{ "QUERY PLAN": string }>(`explain ${executeStatement(name, params)}`);
        await tx.exec(`deallocate ${name}`);
        plans += rows.map((r) => r["QUERY PLAN"]).join("\n") + "\n";
        return [];
      };
      await run({ query: explain, queryLast: explain, exec: async () => {} });
      throw rollback;
    })
    .catch((err) => {
      if (err !== rollback) throw err;
    });
  return plans;
}

function seqScans(plans: string): string[] {
  return HISTORY_TABLES.filter((t) => new RegExp(`Seq Scan on ${t}\\b`).test(plans));
}

describe("statements that run for every alert or sync read no history table whole", () => {
  for (const mode of ["force_custom_plan", "force_generic_plan"] as const) {
    test(`the alert's account snapshot and guards (${mode})`, async () => {
      const plans = await plansOf(mode, (q) =>
        readAccountSnapshot(q, a.id, u.id, "EURUSD", new Date(), new Date().toISOString().slice(0, 10), { signature: "t.v1", idempotencyKey: "fresh-key" }),
      );
      expect(plans).toMatch(/idempotency_keys/);
      expect(seqScans(plans)).toEqual([]);
    });

    test(`the broker sync's changed symbols (${mode})`, async () => {
      const plans = await plansOf(mode, (q) => busySymbols(q, { id: a.id, user_id: u.id, broker: "paper", name: "Paper" }, new Date(Date.now() - 60_000)));
      expect(plans).toMatch(/orders/);
      expect(seqScans(plans)).toEqual([]);
    });
  }
});
