import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { migrate } from "@/lib/db/migrate";
import { closeDb, setDb } from "@/lib/db/connection";
import type { Db } from "@/lib/db/types";
import { refreshEmbeddedStatistics } from "./embedded-statistics";

let db: Db;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  setDb(db);
});
afterAll(() => closeDb());

describe("refreshEmbeddedStatistics", () => {
  it("gives the embedded database planner statistics it would otherwise never have", async () => {
    await db.exec("insert into public.economic_events (id, at, currency, title, impact) select gen_random_uuid(), now() + (i || ' minutes')::interval, 'USD', 'Event ' || i, 'high' from generate_series(1, 200) i");
    const stats = async () => (await db.query<{ n: number }>("select count(*)::int as n from pg_stats where tablename = 'economic_events'"))[0].n;
    expect(await stats()).toBe(0);
    expect(await refreshEmbeddedStatistics()).toBe(true);
    expect(await stats()).toBeGreaterThan(0);
  });
});
