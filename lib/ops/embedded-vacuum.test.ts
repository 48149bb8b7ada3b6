import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { migrate } from "@/lib/db/migrate";
import { closeDb, setDb } from "@/lib/db/connection";
import type { Db } from "@/lib/db/types";
import { vacuumEmbedded } from "./embedded-vacuum";

let db: Db;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  setDb(db);
});
afterAll(() => closeDb());

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
