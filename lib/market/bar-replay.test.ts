import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { BarCsvError, loadBarsCsv, loadReplayFiles, parseBarsCsv, ReplayFeed, type Bar } from "./bar-replay";
import { UnknownSymbolError } from "./instruments";
import { ManualFeed } from "./price-feed";

const SAMPLE = path.join(import.meta.dirname, "sample-bars", "EURUSD_M1.csv");

/** The error parseBarsCsv throws for a text, for asserting its line and reason. */
function csvError(text: string): BarCsvError {
  try {
    parseBarsCsv(text, "test.csv");
  } catch (err) {
    if (err instanceof BarCsvError) return err;
    throw err;
  }
  throw new Error("expected a BarCsvError");
}

describe("parseBarsCsv", () => {
  test("ISO and unix-second times, optional header, volume, comments and blank lines", () => {
    const bars = parseBarsCsv(
      ["# EURUSD", "time,open,high,low,close,volume", "2024-01-02T09:00:00Z,1.1,1.2,1.0,1.15,10", "", "1704186060,1.15,1.16,1.14,1.14", "2024-01-02 09:02,1.14,1.15,1.13,1.13"].join("\r\n"),
    );
    expect(bars.map((b) => b.time.toISOString())).toEqual(["2024-01-02T09:00:00.000Z", "2024-01-02T09:01:00.000Z", "2024-01-02T09:02:00.000Z"]);
    expect(bars[0]).toEqual({ time: new Date("2024-01-02T09:00:00Z"), open: 1.1, high: 1.2, low: 1, close: 1.15, volume: 10 });
    expect(bars[1].volume).toBeUndefined();
  });

  test("ISO offsets are honoured and zoneless times are UTC", () => {
    const [a, b] = parseBarsCsv("2024-01-02T10:00:00+01:00,1,1,1,1\n2024-01-02T09:30:00,1,1,1,1");
    expect(a.time.toISOString()).toBe("2024-01-02T09:00:00.000Z");
    expect(b.time.toISOString()).toBe("2024-01-02T09:30:00.000Z");
  });

  test.each([
    ["time,open,high,low,close\n2024-01-02T09:00:00Z,1,1,1", 2, "expected 5 or 6 columns"],
    ["2024-01-02T09:00:00Z,1,1.2,1,1.1\n2024-01-02T09:01:00Z,1.1,abc,1,1.1", 2, 'high "abc" is not a positive number'],
    ["2024-01-02T09:00:00Z,1,1.2,1,1.1\n\n2024-01-02T09:01:00Z,1.1,1.05,1,1.1", 3, "high 1.05 is below"],
    ["2024-01-02T09:00:00Z,1,1.2,1.05,1.1", 1, "low 1.05 is above"],
    ["2024-01-02T09:00:00Z,1,1.2,1,1.1\n2024-01-02T09:00:00Z,1,1.2,1,1.1", 2, "is not after the previous bar"],
    ["yesterday,1,1,1,1\n2024-01-32T00:00:00Z,1,1,1,1", 2, "is not a valid date"],
    ["1704186000000,1,1,1,1", 1, "looks like unix milliseconds"],
    ["02/01/2024 09:00,1,1,1,1", 1, "neither unix seconds nor ISO 8601"],
    ["2024-01-02T09:00:00Z,1,1,1,1,-5", 1, "volume"],
    ["2024-01-02T09:00:00Z,0,1,0,1", 1, 'open "0" is not a positive number'],
  ])("rejects %j at line %i", (text, line, reason) => {
    const err = csvError(text);
    expect(err.line).toBe(line);
    expect(err.message).toContain(`test.csv line ${line}: `);
    expect(err.message).toContain(reason);
  });

  test("an empty file says so", () => {
    expect(csvError("time,open,high,low,close\n\n").message).toBe("test.csv: no bars found");
  });

  test("the sample file parses: a few hundred ascending EURUSD minute bars", () => {
    const bars = loadBarsCsv(SAMPLE);
    expect(bars.length).toBeGreaterThanOrEqual(200);
    expect(bars.every((b, i) => i === 0 || b.time.getTime() - bars[i - 1].time.getTime() === 60_000)).toBe(true);
  });

  test("file errors name the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unify-bars-"));
    const file = path.join(dir, "GBPUSD_H1.csv");
    fs.writeFileSync(file, "time,open,high,low,close\n2024-01-02T09:00:00Z,1,x,1,1\n");
    expect(() => loadBarsCsv(file)).toThrow("GBPUSD_H1.csv line 2: ");
    expect(Object.keys(loadReplayFiles(`EURUSD=${SAMPLE}`))).toEqual(["EURUSD"]);
    expect(() => loadReplayFiles(path.join(dir, "bars.csv"))).toThrow("Cannot tell which symbol");
    fs.rmSync(dir, { recursive: true });
  });
});

const T0 = Date.parse("2024-01-02T09:00:00Z");
const minute = (i: number) => new Date(T0 + i * 60_000);
const BARS: Bar[] = [
  { time: minute(0), open: 1.1, high: 1.103, low: 1.099, close: 1.102 }, // rising: open → low → high → close
  { time: minute(1), open: 1.102, high: 1.104, low: 1.098, close: 1.1 }, // falling: open → high → low → close
  { time: minute(2), open: 1.1, high: 1.101, low: 1.099, close: 1.1005 },
];

describe("ReplayFeed", () => {
  const feed = new ReplayFeed({ EURUSD: BARS });
  const midAt = (ms: number) => feed.quote("EURUSD", new Date(T0 + ms)).mid;

  test("walks open → low → high → close in a rising bar and open → high → low → close in a falling one", () => {
    expect([0, 20_000, 40_000].map(midAt)).toEqual([1.1, 1.099, 1.103]);
    expect([60_000, 80_000, 100_000].map(midAt)).toEqual([1.102, 1.104, 1.098]);
    expect(midAt(59_000)).toBeCloseTo(1.103 - (1.103 - 1.102) * (19 / 20), 5);
  });

  test("loops when it runs out of bars, the same at every replica", () => {
    const span = 3 * 60_000;
    expect(midAt(span)).toBe(midAt(0));
    expect(midAt(10 * span + 80_000)).toBe(midAt(80_000));
    expect(midAt(-span + 20_000)).toBe(midAt(20_000));
    expect(new ReplayFeed({ EURUSD: BARS }).quote("EURUSD", new Date(T0 + 12_345_000))).toEqual(feed.quote("EURUSD", new Date(T0 + 12_345_000)));
  });

  test("the mid never leaves a bar's high–low range and quotes are on tick", () => {
    const bars = loadBarsCsv(SAMPLE);
    const replay = new ReplayFeed({ EURUSD: bars });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bars.length * 60 - 1 }), (second) => {
        const bar = bars[Math.floor(second / 60)];
        const q = replay.quote("EURUSD", new Date(bars[0].time.getTime() + second * 1000));
        expect(q.mid).toBeGreaterThanOrEqual(bar.low - 0.00001);
        expect(q.mid).toBeLessThanOrEqual(bar.high + 0.00001);
        expect(Math.round((q.ask - q.bid) / 0.00001)).toBe(8);
        expect(Number(q.bid.toFixed(5))).toBe(q.bid);
      }),
    );
  });

  test("gaps between bars hold the close", () => {
    const gappy = new ReplayFeed({ XAUUSD: [{ time: minute(0), open: 2000, high: 2001, low: 1999, close: 2000.5 }, { time: minute(1), open: 2001, high: 2002, low: 2000, close: 2001 }, { time: minute(10), open: 2010, high: 2010, low: 2010, close: 2010 }] });
    expect(gappy.quote("XAUUSD", minute(5)).mid).toBeCloseTo(2001, 2);
  });

  test("several symbols, a speed, and a fallback for the rest", () => {
    const fallback = new ManualFeed({ NQ: 17_000 });
    const multi = new ReplayFeed({ EURUSD: BARS, "OANDA:XAUUSD": [{ time: minute(0), open: 2300, high: 2310, low: 2290, close: 2305 }] }, { fallback, speed: 2 });
    expect(multi.quote("EURUSD", new Date(T0 + 10_000)).mid).toBe(1.099);
    expect(multi.quote("XAUUSD", minute(0)).mid).toBe(2300);
    expect(multi.quote("NQ1!")).toMatchObject({ symbol: "NQ", bid: 17_000, ask: 17_000.25 });
    expect(() => new ReplayFeed({ EURUSD: BARS }).quote("NQ")).toThrow(UnknownSymbolError);
    expect(() => new ReplayFeed({ XYZ: BARS })).toThrow(UnknownSymbolError);
    expect(() => new ReplayFeed({ EURUSD: [] })).toThrow("no bars");
  });
});
