/**
 * Replay of OHLC bars from CSV as a live price feed, for demos and repeatable sessions
 * on real market shapes (`UNIFY_PRICE_REPLAY_CSV`).
 */
import fs from "node:fs";
import path from "node:path";
import { findInstrument, quoteAround, requireInstrument, UnknownSymbolError, type CatalogInstrument } from "./instruments";
import type { PriceFeed, Quote } from "./price-feed";

/** One OHLC bar; `time` is when it opens. */
export type Bar = { time: Date; open: number; high: number; low: number; close: number; volume?: number };

/** A CSV that cannot be replayed; `line` is 1-based (0 when the problem is the file as a whole). */
export class BarCsvError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `${source} line ${line}: ${reason}` : `${source}: ${reason}`);
    this.name = "BarCsvError";
  }
}

const COLUMNS = ["open", "high", "low", "close"] as const;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses a time cell: unix seconds, or ISO 8601 (UTC unless it carries an offset). */
function parseTime(cell: string): Date | string {
  if (DECIMAL.test(cell)) {
    const seconds = Number(cell);
    // Unix milliseconds are the usual mistake; read as seconds they land tens of millennia ahead.
    if (Math.abs(seconds) > 1e11) return `time ${cell} looks like unix milliseconds; use unix seconds or ISO 8601`;
    return new Date(seconds * 1000);
  }
  const iso = ISO.exec(cell);
  if (!iso) return `time "${cell}" is neither unix seconds nor ISO 8601 (2024-01-02T09:30:00Z)`;
  // Without an offset Date.parse would read a date-time as local time; bars are UTC.
  const normalised = iso[2] ? `${iso[1]}T${iso[2]}${iso[3] ?? "Z"}` : `${iso[1]}T00:00:00${iso[3] ?? "Z"}`;
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? `time "${cell}" is not a valid date` : new Date(ms);
}

/** Parses one data row, or returns why it is wrong. */
function parseRow(cells: string[]): Bar | string {
  if (cells.length !== 5 && cells.length !== 6) return `expected 5 or 6 columns (time,open,high,low,close[,volume]), got ${cells.length}`;
  const time = parseTime(cells[0]);
  if (typeof time === "string") return time;
  const values: number[] = [];
  for (const [i, name] of COLUMNS.entries()) {
    const cell = cells[i + 1];
    if (!DECIMAL.test(cell) || !(Number(cell) > 0)) return `${name} "${cell}" is not a positive number`;
    values.push(Number(cell));
  }
  const [open, high, low, close] = values;
  if (high < Math.max(open, close, low)) return `high ${high} is below the open, low or close`;
  if (low > Math.min(open, close)) return `low ${low} is above the open or close`;
  const bar: Bar = { time, open, high, low, close };
  if (cells.length === 6) {
    if (!DECIMAL.test(cells[5]) || !(Number(cells[5]) >= 0)) return `volume "${cells[5]}" is not a number ≥ 0`;
    bar.volume = Number(cells[5]);
  }
  return bar;
}

/**
 * Parses `time,open,high,low,close[,volume]` rows (an optional header, blank lines and
 * `#` comments allowed) into bars in strictly ascending time order. Throws BarCsvError
 * naming the source and line of the first bad row.
 */
export function parseBarsCsv(text: string, source = "bars CSV"): Bar[] {
  const bars: Bar[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    if (bars.length === 0 && /^[a-z_ ]+$/i.test(cells[0])) continue; // the header row
    const bar = parseRow(cells);
    if (typeof bar === "string") throw new BarCsvError(source, index + 1, bar);
    const previous = bars.at(-1);
    if (previous && bar.time.getTime() <= previous.time.getTime()) {
      throw new BarCsvError(source, index + 1, `time ${bar.time.toISOString()} is not after the previous bar's ${previous.time.toISOString()}`);
    }
    bars.push(bar);
  }
  if (bars.length === 0) throw new BarCsvError(source, 0, "no bars found");
  return bars;
}

/** Reads and parses a bars CSV file; errors name the file. */
export function loadBarsCsv(file: string): Bar[] {
  return parseBarsCsv(fs.readFileSync(file, "utf8"), path.basename(file));
}

/**
 * Loads the files of a replay spec: `path`, or comma-separated `SYMBOL=path` entries. A
 * bare path names its symbol by its file name (`EURUSD_M1.csv` → EURUSD).
 */
export function loadReplayFiles(spec: string): Record<string, Bar[]> {
  const series: Record<string, Bar[]> = {};
  for (const item of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf("=");
    const file = eq > 0 ? item.slice(eq + 1).trim() : item;
    const named = eq > 0 ? item.slice(0, eq) : path.basename(file).split(/[_.\-\s]/)[0];
    const entry = findInstrument(named);
    if (!entry) throw new Error(`Cannot tell which symbol the replay file ${file} holds: name it like EURUSD_M1.csv or write EURUSD=${file}`);
    series[entry.symbol] = loadBarsCsv(file);
  }
  return series;
}

/** Options of a replay. */
export type ReplayOptions = {
  /** Prices symbols the replay has no bars for; without it they throw UnknownSymbolError. */
  fallback?: PriceFeed;
  /** Length of one bar; default the smallest spacing of the bars (gaps such as weekends hold the close). */
  barSeconds?: number;
  /** Replay seconds per wall-clock second (default 1). */
  speed?: number;
  clock?: () => Date;
};

type Track = { entry: Readonly<CatalogInstrument>; bars: readonly Bar[]; times: number[]; barMs: number; spanMs: number };

/** The bar length: the smallest spacing of consecutive bars, since gaps only ever lengthen it (60 s for a single bar). */
function barSpacing(times: number[]): number {
  let smallest = Infinity;
  for (let i = 1; i < times.length; i++) smallest = Math.min(smallest, times[i] - times[i - 1]);
  return Number.isFinite(smallest) ? smallest : 60_000;
}

/**
 * Replays bars as a continuous price: inside each bar the mid moves open → low → high →
 * close for a rising bar and open → high → low → close for a falling one (the usual
 * backtester convention), linearly over thirds of the bar. Wall-clock time maps onto the
 * bars by (time − first bar) modulo the series' length, so the replay loops and every
 * process shows the same price at the same second.
 */
export class ReplayFeed implements PriceFeed {
  private readonly tracks = new Map<string, Track>();
  private readonly speed: number;
  private readonly clock: () => Date;

  constructor(
    series: Readonly<Record<string, readonly Bar[]>>,
    private readonly options: ReplayOptions = {},
  ) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError(`replay speed must be positive, got ${options.speed}`);
    if (options.barSeconds !== undefined && !(options.barSeconds > 0)) throw new RangeError(`barSeconds must be positive, got ${options.barSeconds}`);
    this.clock = options.clock ?? (() => new Date());
    for (const [symbol, bars] of Object.entries(series)) {
      const entry = requireInstrument(symbol);
      if (bars.length === 0) throw new RangeError(`replay series ${entry.symbol} has no bars`);
      const times = bars.map((b) => b.time.getTime());
      const barMs = options.barSeconds ? options.barSeconds * 1000 : barSpacing(times);
      this.tracks.set(entry.symbol, { entry, bars, times, barMs, spanMs: times[times.length - 1] - times[0] + barMs });
    }
  }

  quote(symbol: string, at: Date = this.clock()): Quote {
    const entry = findInstrument(symbol);
    const track = entry && this.tracks.get(entry.symbol);
    if (!track) {
      if (this.options.fallback) return this.options.fallback.quote(symbol, at);
      throw new UnknownSymbolError(entry?.symbol ?? symbol);
    }
    const atMs = Math.floor(at.getTime() / 1000) * 1000;
    const offset = ((((atMs - track.times[0]) * this.speed) % track.spanMs) + track.spanMs) % track.spanMs;
    return quoteAround(track.entry, midInside(track, track.times[0] + offset), new Date(atMs));
  }
}

/** The mid price at a replay time, walking the bar that contains it. */
function midInside(track: Track, time: number): number {
  let lo = 0;
  let hi = track.times.length - 1;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (track.times[m] <= time) lo = m;
    else hi = m - 1;
  }
  const bar = track.bars[lo];
  const f = (time - track.times[lo]) / track.barMs;
  if (f >= 1) return bar.close;
  const path = bar.close >= bar.open ? [bar.open, bar.low, bar.high, bar.close] : [bar.open, bar.high, bar.low, bar.close];
  const segment = Math.min(2, Math.floor(f * 3));
  const local = f * 3 - segment;
  return path[segment] + (path[segment + 1] - path[segment]) * local;
}
