import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { migrate } from "@/lib/db/migrate";
import { closeDb, setDb } from "@/lib/db/connection";
import type { Db } from "@/lib/db/types";
import { refreshEmbeddedStatistics, vacuumEmbedded } from "./embedded-upkeep";

let db: Db;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  setDb(db);
});
afterAll(() => closeDb());

const KEY_LOOKUP = "select 1 from public.idempotency_keys where account_id = $1 and key = $2";

/** The plan the database runs for the idempotency key lookup (a prepared statement's cached plan). */
async function keyLookupPlan(): Promise<string> {
  const rows = await db.query<{ "QUERY PLAN": string }>(
    "explain (costs off) execute key_lookup('00000000-0000-0000-0000-000000000001', 'k-1')",
  );
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("refreshEmbeddedStatistics", () => {
  it("analyzes only the tables that grew, and a lookup planned on a nearly empty table uses the index once it has grown", async () => {
    const [{ id: userId }] = await db.query<{ id: string }>("insert into public.profiles (email, name) values ($1, 'Stats') returning id", ["stats@example.com"]);
    const [{ id: accountId }] = await db.query<{ id: string }>(
      "insert into public.broker_accounts (user_id, broker, name, mode, webhook_secret_enc) values ($1, 'paper', 'Stats', 'demo', '{}') returning id",
      [userId],
    );
    await db.query("insert into public.idempotency_keys (account_id, key, user_id) values ($1, 'first', $2)", [accountId, userId]);
    // Measured while nearly empty (as at a fresh install's start-up): a one-page scan is cheapest.
    await db.exec("analyze public.idempotency_keys");
    await db.exec(`prepare key_lookup as ${KEY_LOOKUP}`);
    expect(await keyLookupPlan()).toMatch(/Seq Scan on idempotency_keys/);
    expect(await refreshEmbeddedStatistics()).toEqual([]);

    await db.query(
      "insert into public.idempotency_keys (account_id, key, user_id) select $1, 'k-' || i, $2 from generate_series(1, 5000) i",
      [accountId, userId],
    );
    expect(await refreshEmbeddedStatistics()).toContain("public.idempotency_keys");
    expect(await keyLookupPlan()).toMatch(/Index (Only )?Scan using idempotency_keys_pkey/);
    // Measured now: nothing grew since.
    expect(await refreshEmbeddedStatistics()).toEqual([]);
  });
});

const size = async () => (await db.query<{ bytes: number }>("select pg_relation_size('public.economic_events') as bytes"))[0].bytes;
const addEvents = () =>
  db.exec("insert into public.economic_events (id, at, currency, title, impact) select gen_random_uuid(), now() + (i || ' minutes')::interval, 'USD', 'Event ' || i, 'high' from generate_series(1, 5000) i");

describe("vacuumEmbedded", () => {
  it("makes the space of deleted rows reusable, so a table under churn stops growing", async () => {
    await addEvents();
    const full = await size();
    await db.exec("delete from public.economic_events");
    expect(await vacuumEmbedded()).toContain("public.economic_events");
    await addEvents();
    // Without VACUUM the same rows again would take twice the space.
    expect(await size()).toBeLessThanOrEqual(full);
  });
});
