import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import fc from "fast-check";
import type { SummaryView } from "../../lib/analytics/schemas";
import { loadMaxDrawdown, loadOpeningEquity } from "../../lib/analytics/load-equity";
import { maxDrawdown } from "../../lib/analytics/max-drawdown";
import { sumEquity } from "../../lib/analytics/sum-equity";
import type { AccountPoint } from "../../lib/analytics/types";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const get = <T>(u: TestUser, path: string) => call<T>(app, "GET", path, undefined, { token: u.token });

/** One snapshot a minute from `start` for `minutes`, at `base` except where `at` says otherwise. */
async function seedMinutes(u: TestUser, a: TestAccount, start: string, minutes: number, base: number, at: Record<number, number> = {}) {
  const values = Array.from({ length: minutes }, (_, i) => at[i] ?? base);
  await app.db.query(
    `insert into public.equity_history (user_id, account_id, t, equity, balance)
     select $1, $2, $3::timestamptz + (i - 1) * interval '1 minute', v, v from unnest($4::numeric[]) with ordinality as x(v, i)`,
    [u.id, a.id, start, values],
  );
}

describe("GET /analytics/summary — max drawdown over a long, finely sampled history", () => {
  test("a 5-minute dip inside four days of per-minute snapshots still counts: 10,000 → 9,000 is 1,000 / 10 %", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    // 4 days × 1,440 = 5,760 snapshots: more than the summary once read at full resolution.
    // The dip is minutes 601–603 (10:01–10:03 on day 1), back at 10,000 from 10:04.
    await seedMinutes(u, a, "2026-01-01T00:00:00Z", 5_760, 10_000, { 601: 9_500, 602: 9_000, 603: 9_200 });
    const res = await get<SummaryView>(u, "/analytics/summary?from=2026-01-01&to=2026-01-04");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ max_drawdown: 1_000, max_drawdown_pct: 10 });
  });

  test("two accounts whose troughs fall inside one bucket: the summed curve's dip is counted, from the range's opening value", async () => {
    const u = await newUser(app);
    await app.db.query("update public.profiles set plan = 'pro' where id = $1", [u.id]);
    const a = await newPaperAccount(app, u);
    const b = await newPaperAccount(app, u);
    // Before the range: a at 10,000 and b at 5,000 (the opening values, 15,000 in total).
    await seedMinutes(u, a, "2025-12-31T23:00:00Z", 60, 10_000);
    await seedMinutes(u, b, "2025-12-31T23:30:00Z", 30, 5_000);
    await seedMinutes(u, a, "2026-01-01T00:00:00Z", 4_000, 10_000, { 301: 8_000 });
    await seedMinutes(u, b, "2026-01-01T00:00:00Z", 4_000, 5_000, { 301: 4_500, 302: 4_000 });
    const res = await get<SummaryView>(u, "/analytics/summary?from=2026-01-01&to=2026-01-03");
    // 05:01 → 8,000 + 4,500 = 12,500; 05:02 → 10,000 + 4,000 = 14,000: the deepest is 2,500 below 15,000.
    expect(res.body).toMatchObject({ max_drawdown: 2_500, max_drawdown_pct: 16.6667 });
  });
});

describe("loadMaxDrawdown", () => {
  test("equals maxDrawdown of sumEquity's curve for any snapshots of two accounts (ties, opening values, negative equity)", async () => {
    const u = await newUser(app);
    await app.db.query("update public.profiles set plan = 'pro' where id = $1", [u.id]);
    const accounts = [await newPaperAccount(app, u), await newPaperAccount(app, u)];
    const from = new Date("2026-03-01T00:00:00Z");
    const to = new Date("2026-03-01T01:00:00Z");
    const snapshot = fc.record({
      account: fc.integer({ min: 0, max: 1 }),
      // Minutes −10 … 69: some before the range (opening values), some after it (ignored).
      minute: fc.integer({ min: -10, max: 69 }),
      cents: fc.integer({ min: -1_000_000, max: 10_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(snapshot, { maxLength: 25 }), async (snaps) => {
        await app.db.query("delete from public.equity_history where user_id = $1", [u.id]);
        for (const s of snaps) {
          const t = new Date(from.getTime() + s.minute * 60_000);
          await app.db.query("insert into public.equity_history (user_id, account_id, t, equity, balance) values ($1, $2, $3, $4, $4)", [
            u.id,
            accounts[s.account].id,
            t,
            s.cents / 100,
          ]);
        }
        const rows = await app.db.query<{ account_id: string; t: Date; equity: number }>(
          "select account_id, t, equity from public.equity_history where user_id = $1 and t >= $2 and t < $3 order by t, id",
          [u.id, from, to],
        );
        const opening = await loadOpeningEquity(app.db, u.id, from);
        const points: AccountPoint[] = rows.map((r) => ({ account_id: r.account_id, t: r.t.getTime(), equity: r.equity, balance: r.equity }));
        const expected = maxDrawdown(sumEquity([...opening, ...points]).map((p) => p.equity));
        const got = await loadMaxDrawdown(app.db, u.id, { from, to });
        expect(got.amount).toBeCloseTo(expected.amount, 6);
        expect(got.pct).toBeCloseTo(expected.pct, 6);
      }),
      { numRuns: 30 },
    );
  });
});

describe("GET /analytics/summary — Sharpe on trading days", () => {
  test("flat weekend snapshots (broker sync marks every minute) are not returns: +1 % Fri, +3 % Mon, −1 % Tue → 7.9373", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const seed = async (t: string, equity: number) =>
      app.db.query("insert into public.equity_history (user_id, account_id, t, equity, balance) values ($1, $2, $3, $4, $4)", [u.id, a.id, t, equity]);
    await seed("2025-01-09T17:00:00Z", 100_000); // Thursday: the opening value
    await seed("2025-01-10T17:00:00Z", 101_000); // Friday +1 %
    await seed("2025-01-11T12:00:00Z", 101_000); // Saturday, flat
    await seed("2025-01-12T12:00:00Z", 101_000); // Sunday, flat
    await seed("2025-01-13T17:00:00Z", 104_030); // Monday +3 %
    await seed("2025-01-14T17:00:00Z", 102_989.7); // Tuesday −1 %
    const res = await get<SummaryView>(u, "/analytics/summary?from=2025-01-10&to=2025-01-14");
    // 0.01 / 0.02 × √252; counting Saturday and Sunday as two 0 % days gave 6.2804.
    expect(res.body.sharpe).toBe(7.9373);
  });
});
