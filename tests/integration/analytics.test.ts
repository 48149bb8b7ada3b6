import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call, newPaperAccount, newUser, type TestAccount, type TestUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { registerAdapter } from "../../brokers/registry";
import { PaperAdapter } from "../../brokers/paper/adapter";
import { ManualFeed } from "../../lib/market/price-feed";
import { paperTick } from "../../lib/execution/paper-engine";
import { TRADE_COLUMNS } from "../../lib/analytics/trades-csv";
import type { DrawdownView, EquityView, ExposureView, SummaryView } from "../../lib/analytics/schemas";
import { parseCsv } from "../../lib/analytics/test-support/parse-csv";

let app: TestApp;
const feed = new ManualFeed();
const INJECTION_NAME = `=cmd|"/C calc"!A0, main`;
const INJECTION_TAG = `=HYPERLINK("http://evil.example","x")`;

// The trader with four round trips on one paper account (see beforeAll for the P&L of each).
let trader: TestUser;
let account: TestAccount;
let goldTradeId: string;

const get = <T>(u: TestUser, path: string) => call<T>(app, "GET", path, undefined, { token: u.token });

/** Opens at one quote and closes at another: a deterministic round trip on the paper broker. */
async function roundTrip(a: TestAccount, o: { symbol: string; side: "buy" | "sell"; qty: number; open: [number, number]; close: [number, number]; tag?: string }) {
  feed.set(o.symbol, { bid: o.open[0], ask: o.open[1] });
  const opened = await sendAlert(app, "paper", entry(a.api_key, { symbol: o.symbol, side: o.side, qty: o.qty, ...(o.tag ? { tag: o.tag } : {}) }));
  expect(opened.status).toBe(200);
  feed.set(o.symbol, { bid: o.close[0], ask: o.close[1] });
  const closed = await sendAlert(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit", symbol: o.symbol } });
  expect(closed.status).toBe(200);
}

/** Snapshots written straight into equity_history, as the paper engine and broker sync write them. */
async function seedEquity(u: TestUser, a: TestAccount, points: [string, number][]) {
  for (const [t, equity] of points) {
    await app.db.query("insert into public.equity_history (user_id, account_id, t, equity, balance) values ($1, $2, $3, $4, $4)", [u.id, a.id, t, equity]);
  }
}

beforeAll(async () => {
  app = await startTestApp();
  registerAdapter(new PaperAdapter(feed));
  trader = await newUser(app);
  account = await newPaperAccount(app, trader, { name: INJECTION_NAME });
  // EURUSD and GBPUSD: 100,000 per lot per 1.0; XAUUSD: 100 per lot per 1.0.
  await roundTrip(account, { symbol: "EURUSD", side: "buy", qty: 1, open: [1.1, 1.1002], close: [1.1012, 1.1014], tag: "EU_Breakout" }); // +100
  await roundTrip(account, { symbol: "EURUSD", side: "buy", qty: 0.5, open: [1.1, 1.1002], close: [1.0992, 1.0994], tag: "EU_Breakout" }); // −50
  await roundTrip(account, { symbol: "XAUUSD", side: "buy", qty: 1, open: [2000, 2000.5], close: [2003, 2003.5] }); // +250
  await roundTrip(account, { symbol: "GBPUSD", side: "sell", qty: 1, open: [1.25, 1.2502], close: [1.2508, 1.251], tag: INJECTION_TAG }); // −100
  const [gold] = await app.db.query<{ id: string }>("select id from public.positions where account_id = $1 and symbol = 'XAUUSD'", [account.id]);
  goldTradeId = gold.id;
});
afterAll(async () => {
  registerAdapter(new PaperAdapter());
  await app.close();
});

describe("GET /analytics/summary", () => {
  test("four round trips (+100, −50, +250, −100) → every headline number, by broker and by tag", async () => {
    const res = await get<SummaryView>(trader, "/analytics/summary");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      trades: 4,
      win_rate: 0.5,
      net_pnl: 200,
      profit_factor: 2.3333, // 350 / 150
      expectancy: 50,
      // All equity is from today: one day is one return, and one return has no spread.
      sharpe: null,
      // Balance after each close: 100,100 → 100,050 → 100,300 → 100,200; the deepest fall is 100 from 100,300.
      max_drawdown: 100,
      max_drawdown_pct: 0.0997,
      currency: "USD",
      by_broker: { paper: { trades: 4, win_rate: 0.5, net_pnl: 200, profit_factor: 2.3333 } },
      by_tag: {
        EU_Breakout: { trades: 2, win_rate: 0.5, net_pnl: 50, profit_factor: 2 },
        "(none)": { trades: 1, win_rate: 1, net_pnl: 250, profit_factor: null },
        [INJECTION_TAG]: { trades: 1, win_rate: 0, net_pnl: -100, profit_factor: 0 },
      },
    });
  });

  test("from/to select trades by close time; ?broker= filters by broker", async () => {
    const [original] = await app.db.query<{ opened_at: Date; closed_at: Date }>("select opened_at, closed_at from public.positions where id = $1", [goldTradeId]);
    await app.db.query("update public.positions set opened_at = '2025-01-07T09:00:00Z', closed_at = '2025-01-07T10:00:00Z' where id = $1", [goldTradeId]);
    try {
      const day = await get<SummaryView>(trader, "/analytics/summary?from=2025-01-07&to=2025-01-07");
      expect(day.body).toMatchObject({ trades: 1, net_pnl: 250, win_rate: 1, by_tag: { "(none)": { trades: 1 } } });
      const instant = await get<SummaryView>(trader, "/analytics/summary?from=2025-01-07T10:00:00Z&to=2025-01-07T10:00:00Z");
      expect(instant.body.trades).toBe(1);
      const before = await get<SummaryView>(trader, "/analytics/summary?to=2025-01-07T09:59:59Z");
      expect(before.body.trades).toBe(0);
      const recent = await get<SummaryView>(trader, "/analytics/summary?from=2025-01-08");
      expect(recent.body).toMatchObject({ trades: 3, net_pnl: -50, profit_factor: 0.6667 });
    } finally {
      await app.db.query("update public.positions set opened_at = $2, closed_at = $3 where id = $1", [goldTradeId, original.opened_at, original.closed_at]);
    }
    expect((await get<SummaryView>(trader, "/analytics/summary?broker=paper")).body.trades).toBe(4);
    const other = await get<SummaryView>(trader, "/analytics/summary?broker=tradovate");
    expect(other.body).toMatchObject({ trades: 0, net_pnl: 0, by_broker: {}, by_tag: {}, max_drawdown: 0, currency: null });
  });

  test("Sharpe and max drawdown from daily equity: +1 %, +3 %, −1 % → 0.01 / 0.02 × √252", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await seedEquity(u, a, [
      ["2025-01-06T09:00:00Z", 100_000],
      ["2025-01-06T17:00:00Z", 101_000],
      ["2025-01-07T12:00:00Z", 100_500], // an intraday dip: 500 below 101,000
      ["2025-01-07T17:00:00Z", 104_030],
      ["2025-01-08T17:00:00Z", 102_989.7], // 1 % below 104,030
    ]);
    const res = await get<SummaryView>(u, "/analytics/summary?from=2025-01-06&to=2025-01-08");
    expect(res.body).toMatchObject({ trades: 0, win_rate: null, expectancy: null, profit_factor: null, sharpe: 7.9373, max_drawdown: 1040.3, max_drawdown_pct: 1 });
    // One day of data is one return: no Sharpe.
    expect((await get<SummaryView>(u, "/analytics/summary?from=2025-01-06&to=2025-01-06")).body.sharpe).toBeNull();
  });
});

describe("GET /analytics/equity and /analytics/drawdown", () => {
  test("the equity curve sums accounts, each holding its last value, from the range's opening value", async () => {
    const u = await newUser(app);
    await app.db.query("update public.profiles set plan = 'pro' where id = $1", [u.id]);
    const a = await newPaperAccount(app, u);
    const b = await newPaperAccount(app, u);
    await seedEquity(u, a, [
      ["2025-02-01T10:00:00Z", 100_000],
      ["2025-02-02T10:00:00Z", 100_500],
    ]);
    await seedEquity(u, b, [["2025-02-02T12:00:00Z", 20_000]]);
    const res = await get<EquityView>(u, "/analytics/equity?from=2025-02-02&to=2025-02-02");
    expect(res.status).toBe(200);
    expect(res.body.points).toEqual([
      { t: "2025-02-02T00:00:00.000Z", equity: 100_000, balance: 100_000 },
      { t: "2025-02-02T10:00:00.000Z", equity: 100_500, balance: 100_500 },
      { t: "2025-02-02T12:00:00.000Z", equity: 120_500, balance: 120_500 },
    ]);
    const empty = await get<EquityView>(u, "/analytics/equity?from=2020-01-01&to=2020-12-31");
    expect(empty.body).toEqual({ points: [] });
  });

  test("a long history comes back as at most ~500 bucketed points ending at the last value", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    const start = Date.parse("2024-06-01T00:00:00Z");
    const values = Array.from({ length: 2_000 }, (_, i) => 100_000 + Math.round(Math.sin(i / 30) * 500_00) / 100);
    await app.db.query(
      `insert into public.equity_history (user_id, account_id, t, equity, balance)
       select $1, $2, to_timestamp($3::double precision / 1000 + (i - 1) * 600), v, v from unnest($4::numeric[]) with ordinality as x(v, i)`,
      [u.id, a.id, start, values],
    );
    const res = await get<EquityView>(u, "/analytics/equity?from=2024-06-01&to=2024-06-30");
    const pts = res.body.points;
    expect(pts.length).toBeGreaterThan(100);
    expect(pts.length).toBeLessThanOrEqual(500);
    expect(pts[pts.length - 1]).toEqual({ t: new Date(start + 1_999 * 600_000).toISOString(), equity: values[1_999], balance: values[1_999] });
    for (let i = 1; i < pts.length; i++) expect(Date.parse(pts[i].t)).toBeGreaterThan(Date.parse(pts[i - 1].t));
  });

  test("the daily drawdown runs from the day's opening value against the running peak", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    await seedEquity(u, a, [
      ["2025-01-06T17:00:00Z", 101_000],
      ["2025-01-07T12:00:00Z", 100_500],
      ["2025-01-07T17:00:00Z", 104_030],
      ["2025-01-07T18:00:00Z", 102_989.7],
      ["2025-01-08T09:00:00Z", 90_000],
    ]);
    const res = await get<DrawdownView>(u, "/analytics/drawdown?day=2025-01-07");
    expect(res.body.points).toEqual([
      { t: "2025-01-07T00:00:00.000Z", drawdown: 0, drawdown_pct: 0 },
      { t: "2025-01-07T12:00:00.000Z", drawdown: 500, drawdown_pct: 0.495 },
      { t: "2025-01-07T17:00:00.000Z", drawdown: 0, drawdown_pct: 0 },
      { t: "2025-01-07T18:00:00.000Z", drawdown: 1040.3, drawdown_pct: 1 },
    ]);
    expect((await get<DrawdownView>(u, "/analytics/drawdown?day=2025-01-05")).body).toEqual({ points: [] });
    // Default: today (UTC), where the account's connection left one snapshot.
    const today = await get<DrawdownView>(u, "/analytics/drawdown");
    expect(today.body.points.at(-1)).toMatchObject({ drawdown: 0 });
  });
});

describe("GET /analytics/exposure", () => {
  test("notional = qty × price × value per point per symbol, with the running P&L", async () => {
    const u = await newUser(app);
    const a = await newPaperAccount(app, u);
    feed.set("EURUSD", { bid: 1.1, ask: 1.1002 });
    feed.set("XAUUSD", { bid: 2000, ask: 2000.5 });
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "EURUSD", qty: 1 }));
    await sendAlert(app, "paper", entry(a.api_key, { symbol: "XAUUSD", side: "sell", qty: 2 }));
    feed.set("EURUSD", { bid: 1.101, ask: 1.1012 });
    feed.set("XAUUSD", { bid: 1995, ask: 1995.5 });
    await paperTick(new Date(Date.now() + 10_000));
    const res = await get<ExposureView>(u, "/analytics/exposure");
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { symbol: "XAUUSD", broker: "paper", notional: 399_100, unrealized_pnl: 900 }, // 2 × 1995.5 × 100; (2000 − 1995.5) × 2 × 100
      { symbol: "EURUSD", broker: "paper", notional: 110_100, unrealized_pnl: 80 }, // 1 × 1.101 × 100,000; (1.101 − 1.1002) × 100,000
    ]);
    await sendAlert(app, "paper", { version: "unify.v1", api_key: a.api_key, intent: { action: "exit_all" } });
    expect((await get<ExposureView>(u, "/analytics/exposure")).body).toEqual({ items: [] });
  });
});

describe("GET /exports/trades.csv", () => {
  test("an attachment with a header and one RFC 4180 line per trade, formula text defused", async () => {
    const res = await get<string>(trader, "/exports/trades.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="unify-trades_start_\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual([...TRADE_COLUMNS]);
    expect(rows).toHaveLength(5);
    const col = (name: (typeof TRADE_COLUMNS)[number]) => TRADE_COLUMNS.indexOf(name);
    expect(rows.slice(1).map((r) => [r[col("symbol")], r[col("realized_pnl")]])).toEqual([
      ["EURUSD", "100"],
      ["EURUSD", "-50"],
      ["XAUUSD", "250"],
      ["GBPUSD", "-100"],
    ]);
    for (const r of rows.slice(1)) expect(r[col("account")]).toBe(`'${INJECTION_NAME}`);
    expect(rows[4][col("tag")]).toBe(`'${INJECTION_TAG}`);
    expect(rows[3][col("tag")]).toBe("");
    // The raw text quotes the cells holding commas and quotes, doubling the quotes.
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    const none = await get<string>(trader, "/exports/trades.csv?from=2020-01-01&to=2020-01-31");
    expect(none.text).toBe(`${TRADE_COLUMNS.join(",")}\r\n`);
    expect(none.headers.get("content-disposition")).toContain('filename="unify-trades_2020-01-01_2020-01-31.csv"');
  });
});

describe("validation and isolation", () => {
  test("bad parameters → 400 invalid_request naming the field", async () => {
    const cases: [string, string][] = [
      ["/analytics/summary?from=yesterday", "from"],
      ["/analytics/summary?from=2025-03-02&to=2025-03-01", "from"],
      ["/analytics/summary?broker=nasdaq", "broker"],
      ["/analytics/summary?limit=5", ""],
      ["/analytics/equity?to=2025-02-30", "to"],
      ["/analytics/drawdown?day=2025-13-01", "day"],
      ["/analytics/exposure?symbol=EURUSD", ""],
      ["/exports/trades.csv?from=2025-03-02T10:00:00Z&to=2025-03-02T09:00:00Z", "from"],
    ];
    for (const [path, field] of cases) {
      const res = await get<{ code: string; errors: { path: string }[] }>(trader, path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body.code).toBe("invalid_request");
      if (field) expect(res.body.errors[0].path, path).toBe(field);
    }
  });

  test("without a session → 401; another user sees none of the trader's data", async () => {
    for (const path of ["/analytics/summary", "/analytics/equity", "/analytics/drawdown", "/analytics/exposure", "/exports/trades.csv"]) {
      expect((await call(app, "GET", path)).status, path).toBe(401);
    }
    const stranger = await newUser(app);
    expect((await get<SummaryView>(stranger, "/analytics/summary")).body).toEqual({
      trades: 0,
      win_rate: null,
      net_pnl: 0,
      profit_factor: null,
      expectancy: null,
      sharpe: null,
      max_drawdown: 0,
      max_drawdown_pct: 0,
      currency: null,
      by_broker: {},
      by_tag: {},
    });
    expect((await get<EquityView>(stranger, "/analytics/equity")).body).toEqual({ points: [] });
    expect((await get<DrawdownView>(stranger, "/analytics/drawdown")).body).toEqual({ points: [] });
    expect((await get<ExposureView>(stranger, "/analytics/exposure")).body).toEqual({ items: [] });
    expect((await get<string>(stranger, "/exports/trades.csv")).text).toBe(`${TRADE_COLUMNS.join(",")}\r\n`);
  });
});
