import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { INSTRUMENTS, requireInstrument, UnknownSymbolError } from "./instruments";
import { createFeedFromEnv, DEFAULT_PRICE_SEED, defaultFeed, ManualFeed, RandomWalkFeed } from "./price-feed";
import { ReplayFeed } from "./bar-replay";

const SYMBOLS = [...INSTRUMENTS.keys()];
// Seconds between 2000 and 2040, so properties roam far beyond "today".
const anySecond = fc.integer({ min: 946_684_800, max: 2_208_988_800 });
const symbolArb = fc.constantFrom(...SYMBOLS);
const onTick = (price: number, tick: number) => {
  const ticks = price / tick;
  return Math.abs(ticks - Math.round(ticks)) < 1e-12 * Math.max(1e3, Math.abs(ticks));
};
const dailySigma = (symbol: string) => requireInstrument(symbol).annualVolatility / Math.sqrt(365);
const secondSigma = (symbol: string) => requireInstrument(symbol).annualVolatility / Math.sqrt(365 * 86_400);

describe("RandomWalkFeed", () => {
  test("two instances with the same seed agree on every symbol and second", () => {
    const a = new RandomWalkFeed({ seed: "replicas" });
    const b = new RandomWalkFeed({ seed: "replicas" });
    fc.assert(
      fc.property(symbolArb, anySecond, (symbol, second) => {
        expect(a.quote(symbol, new Date(second * 1000))).toEqual(b.quote(symbol, new Date(second * 1000)));
      }),
      { numRuns: 60 },
    );
  });

  test("a separate process (another replica) computes the same quotes", () => {
    const times = ["2026-03-10T00:00:00Z", "2026-03-10T17:45:09Z", "2031-07-04T23:59:59Z"];
    const script = `import { RandomWalkFeed } from "./lib/market/price-feed";
      const feed = new RandomWalkFeed({ seed: "replicas" });
      console.log(JSON.stringify(${JSON.stringify(times)}.flatMap((t) => ${JSON.stringify(SYMBOLS)}.map((s) => feed.quote(s, new Date(t))))));`;
    const root = path.resolve(import.meta.dirname, "../..");
    const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["-e", script], { cwd: root, encoding: "utf8" });
    const here = new RandomWalkFeed({ seed: "replicas" });
    const expected = times.flatMap((t) => SYMBOLS.map((s) => here.quote(s, new Date(t))));
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("a warm cache queried in any order gives what a fresh instance gives", () => {
    const warm = new RandomWalkFeed();
    const dayStart = Date.UTC(2026, 2, 10);
    fc.assert(
      fc.property(symbolArb, fc.array(fc.integer({ min: 0, max: 2 * 86_400 - 1 }), { minLength: 1, maxLength: 8 }), (symbol, seconds) => {
        for (const s of seconds) {
          const at = new Date(dayStart + s * 1000);
          expect(warm.quote(symbol, at)).toEqual(new RandomWalkFeed().quote(symbol, at));
        }
      }),
      { numRuns: 25 },
    );
  });

  test("the seed changes the prices", () => {
    const at = new Date("2026-05-05T12:00:00Z");
    expect(new RandomWalkFeed({ seed: "a" }).quote("EURUSD", at)).not.toEqual(new RandomWalkFeed({ seed: "b" }).quote("EURUSD", at));
    expect(new RandomWalkFeed().seed).toBe(DEFAULT_PRICE_SEED);
  });

  test("quotes are on tick, bid < ask by the catalog spread, mid between, stamped to the second", () => {
    const feed = new RandomWalkFeed();
    fc.assert(
      fc.property(symbolArb, anySecond, fc.integer({ min: 0, max: 999 }), (symbol, second, ms) => {
        const e = requireInstrument(symbol);
        const q = feed.quote(symbol, new Date(second * 1000 + ms));
        expect(q.symbol).toBe(symbol);
        expect(q.t.getTime()).toBe(second * 1000);
        expect(onTick(q.bid, e.tickSize) && onTick(q.ask, e.tickSize)).toBe(true);
        expect(q.bid).toBeGreaterThan(0);
        expect(q.ask - q.bid).toBeCloseTo(e.spread, 9);
        expect(q.mid).toBeCloseTo((q.bid + q.ask) / 2, 9);
      }),
      { numRuns: 100 },
    );
  });

  test("TradingView tickers price like their symbol; unknown symbols throw", () => {
    const feed = new RandomWalkFeed();
    const at = new Date("2026-01-05T15:00:00Z");
    expect(feed.quote("OANDA:EURUSD", at)).toEqual(feed.quote("EURUSD", at));
    expect(feed.quote("MNQZ5", at)).toEqual(feed.quote("MNQ", at));
    expect(() => feed.quote("XYZ", at)).toThrow(UnknownSymbolError);
  });

  test("micro contracts follow their full-size contract", () => {
    const feed = new RandomWalkFeed();
    fc.assert(
      fc.property(fc.constantFrom(["ES", "MES"], ["NQ", "MNQ"], ["YM", "MYM"], ["CL", "MCL"], ["GC", "MGC"]), anySecond, ([big, micro], second) => {
        const at = new Date(second * 1000);
        expect({ ...feed.quote(micro, at), symbol: big }).toEqual(feed.quote(big, at));
      }),
      { numRuns: 30 },
    );
  });

  test("one-second moves stay small everywhere, midnight included (no gap between days)", () => {
    const feed = new RandomWalkFeed();
    const midnightOrAny = fc.oneof(anySecond.map((s) => s - (s % 86_400)), anySecond);
    fc.assert(
      fc.property(symbolArb, midnightOrAny, (symbol, second) => {
        const e = requireInstrument(symbol);
        const before = feed.quote(symbol, new Date((second - 1) * 1000)).mid;
        const after = feed.quote(symbol, new Date(second * 1000)).mid;
        // Steps are bounded at 3.46σ; allow for rounding each side to the tick.
        expect(Math.abs(Math.log(after / before))).toBeLessThan(5 * secondSigma(symbol) + (2 * e.tickSize) / before);
      }),
      { numRuns: 150 },
    );
  });

  test("prices stay positive and near their start price over decades", () => {
    const feed = new RandomWalkFeed();
    fc.assert(
      fc.property(symbolArb, anySecond, (symbol, second) => {
        const e = requireInstrument(symbol);
        const q = feed.quote(symbol, new Date(second * 1000));
        // Bounded trend (0.6σ) + daily shock and intraday bridge (a few daily σ).
        const bound = 0.6 * e.annualVolatility + 8 * dailySigma(symbol);
        expect(Math.abs(Math.log(q.mid / e.startPrice))).toBeLessThan(bound);
      }),
      { numRuns: 100 },
    );
  });

  test("daily ranges are plausible for the volatility", () => {
    const feed = new RandomWalkFeed();
    for (const symbol of ["EURUSD", "NQ", "BTCUSD"]) {
      const ratios: number[] = [];
      for (let d = 0; d < 12; d++) {
        let hi = 0;
        let lo = Infinity;
        for (let m = 0; m < 1440; m++) {
          const mid = feed.quote(symbol, new Date(Date.UTC(2025, 0, 6 + d) + m * 60_000)).mid;
          hi = Math.max(hi, mid);
          lo = Math.min(lo, mid);
        }
        ratios.push(Math.log(hi / lo) / dailySigma(symbol));
      }
      const mean = ratios.reduce((a, b) => a + b) / ratios.length;
      // A Brownian day's range averages about 1.6 daily σ.
      expect(mean).toBeGreaterThan(0.7);
      expect(mean).toBeLessThan(3);
      expect(Math.min(...ratios)).toBeGreaterThan(0.2);
    }
  });

  test("successive quotes are cheap: a whole day second by second well within a second", () => {
    const feed = new RandomWalkFeed();
    const start = Date.UTC(2026, 6, 1);
    const began = performance.now();
    for (let s = 0; s < 86_400; s++) feed.quote("GBPUSD", new Date(start + s * 1000));
    expect(performance.now() - began).toBeLessThan(3_000);
  });
});

describe("ManualFeed", () => {
  test("a mid gets the catalog spread on tick", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const feed = new ManualFeed({ EURUSD: 1.1 }, () => at);
    expect(feed.quote("EURUSD")).toEqual({ symbol: "EURUSD", bid: 1.09996, ask: 1.10004, mid: 1.1, t: at });
  });

  test("explicit bid/ask are used as given, tick by tick", () => {
    const feed = new ManualFeed();
    feed.set("ES", { bid: 5000, ask: 5000.25 });
    expect(feed.quote("ES1!")).toMatchObject({ symbol: "ES", bid: 5000, ask: 5000.25, mid: 5000.125 });
    feed.set("ES", { bid: 4990, ask: 4990.5 });
    expect(feed.quote("ES")).toMatchObject({ bid: 4990, ask: 4990.5 });
  });

  test("unset symbols and bad prices are refused", () => {
    const feed = new ManualFeed();
    expect(() => feed.quote("EURUSD")).toThrow(UnknownSymbolError);
    expect(() => feed.set("XYZ", 1)).toThrow(UnknownSymbolError);
    expect(() => feed.set("EURUSD", -1)).toThrow(RangeError);
    expect(() => feed.set("EURUSD", { bid: 1.2, ask: 1.1 })).toThrow(RangeError);
  });
});

describe("feed from the environment", () => {
  const at = new Date("2026-02-02T10:00:00Z");

  test("UNIFY_PRICE_SEED seeds the random walk", () => {
    const feed = createFeedFromEnv({ UNIFY_PRICE_SEED: "custom" });
    expect(feed).toBeInstanceOf(RandomWalkFeed);
    expect(feed.quote("EURUSD", at)).toEqual(new RandomWalkFeed({ seed: "custom" }).quote("EURUSD", at));
    expect(createFeedFromEnv({}).quote("EURUSD", at)).toEqual(new RandomWalkFeed().quote("EURUSD", at));
  });

  test("UNIFY_PRICE_REPLAY_CSV replays the file, the walk prices the rest", () => {
    const csv = path.join(import.meta.dirname, "sample-bars", "EURUSD_M1.csv");
    const feed = createFeedFromEnv({ UNIFY_PRICE_REPLAY_CSV: csv });
    expect(feed).toBeInstanceOf(ReplayFeed);
    expect(feed.quote("EURUSD", new Date("2024-01-02T09:00:00Z"))).toMatchObject({ mid: 1.095 });
    expect(feed.quote("NQ", at)).toEqual(new RandomWalkFeed().quote("NQ", at));
  });

  test("defaultFeed is one instance per process", () => {
    expect(defaultFeed()).toBe(defaultFeed());
  });
});
