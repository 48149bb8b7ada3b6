/**
 * Prices for the paper broker and P&L marks: a deterministic seeded random walk (the
 * default), a replay of CSV bars (`UNIFY_PRICE_REPLAY_CSV`), and a hand-driven feed for tests.
 */
import { INSTRUMENTS, quoteAround, requireInstrument, UnknownSymbolError, type CatalogInstrument } from "./instruments";
import { loadReplayFiles, ReplayFeed } from "./bar-replay";

/** A two-sided price. `mid` may sit half a tick between bid and ask. */
export type Quote = { symbol: string; bid: number; ask: number; mid: number; t: Date };

/** Anything that prices catalog symbols. Symbols may be given as TradingView tickers. */
export interface PriceFeed {
  /** The quote at `at` (default now); throws UnknownSymbolError for a symbol it cannot price. */
  quote(symbol: string, at?: Date): Quote;
}

/** Seed used when `UNIFY_PRICE_SEED` is unset; every process with the same seed sees the same prices. */
export const DEFAULT_PRICE_SEED = "unify-paper-v1";

const SECONDS_PER_DAY = 86_400;
// The feed runs round the clock, weekends included, so volatility is spread over calendar time.
const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;
const CHECKPOINT_SECONDS = 3_600;
const TREND_KNOT_DAYS = 32;
// How far (× annual volatility, in log price) the slow trend may take a price from its start price.
const TREND_AMPLITUDE = 0.6;
const MAX_CACHED_DAYS = 128;
// Domain separation so step, anchor and trend draws never reuse the same hash input.
const STREAM_STEP = 0x5157e9;
const STREAM_ANCHOR = 0xa2c4031;
const STREAM_TREND = 0x7f3d11;

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes an integer of any size (seconds and day indexes can be negative or beyond 2^32) into a hash. */
function mix(h: number, value: number): number {
  const lo = value >>> 0;
  const hi = Math.floor(value / 4_294_967_296) | 0;
  return fmix32(Math.imul(fmix32(h ^ lo) ^ hi, 0x9e3779b1) + 0x7f4a7c15);
}

/** FNV-1a of a string, finalised. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/**
 * A standard normal draw from a hash: Irwin–Hall of four 16-bit uniforms. Only + and ×,
 * which IEEE 754 rounds identically everywhere, and tails bounded at ±3.46σ, so a single
 * step never produces an absurd spike.
 */
function normalFrom(h: number): number {
  const g = fmix32(h ^ 0x68e31da4);
  const sum = ((h >>> 16) + (h & 0xffff) + (g >>> 16) + (g & 0xffff) + 2) / 65_536;
  return (sum - 2) * 1.7320508075688772;
}

/** Uniform in [-1, 1) from a hash. */
const signedUniform = (h: number) => h / 2_147_483_648 - 1;

/** One symbol's path through one UTC day, advanced lazily and checkpointed every hour. */
type DayWalk = { day: number; second: number; x: number; target: number; checkpoints: number[] };

/** Options of the random walk. */
export type RandomWalkOptions = {
  seed?: string;
  /** Spread per canonical symbol, in price units, instead of the catalog's. */
  spreads?: Readonly<Record<string, number>>;
  clock?: () => Date;
};

/**
 * A geometric random walk per symbol with one-second steps, identical in every process
 * that uses the same seed: each step is drawn from a hash of (seed, symbol, second), never
 * from a stateful generator. Each UTC day is a Brownian bridge between two daily anchor
 * prices that are themselves pure functions of the day, so a quote never needs more than
 * one day of steps, days join without a gap at midnight, and prices wander around the
 * catalog start price (a slow bounded trend plus a daily shock) instead of drifting off.
 */
export class RandomWalkFeed implements PriceFeed {
  readonly seed: string;
  private readonly spreads: Readonly<Record<string, number>>;
  private readonly clock: () => Date;
  private readonly walks = new Map<string, DayWalk>();
  private readonly keys = new Map<string, number>();

  constructor(options: RandomWalkOptions = {}) {
    this.seed = options.seed ?? DEFAULT_PRICE_SEED;
    this.spreads = options.spreads ?? {};
    this.clock = options.clock ?? (() => new Date());
  }

  quote(symbol: string, at: Date = this.clock()): Quote {
    const entry = requireInstrument(symbol);
    const second = Math.floor(at.getTime() / 1000);
    const driver = INSTRUMENTS.get(entry.feedSymbol) ?? entry;
    const mid = Math.exp(this.logPrice(driver, second));
    return quoteAround(entry, mid, new Date(second * 1000), this.spreads[entry.symbol]);
  }

  /** Log price of a driving symbol at a second since the epoch. */
  private logPrice(driver: Readonly<CatalogInstrument>, second: number): number {
    const day = Math.floor(second / SECONDS_PER_DAY);
    const key = `${driver.symbol}:${day}`;
    let walk = this.walks.get(key);
    if (walk) this.walks.delete(key);
    else walk = this.startDay(driver, day);
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    this.walks.set(key, walk);
    if (this.walks.size > MAX_CACHED_DAYS) this.walks.delete(this.walks.keys().next().value as string);
    return this.advance(driver, walk, second - day * SECONDS_PER_DAY);
  }

  /** The hash of (seed, symbol) every draw of that symbol starts from. */
  private keyOf(symbol: string): number {
    let key = this.keys.get(symbol);
    if (key === undefined) this.keys.set(symbol, (key = hashString(`${this.seed}|${symbol}`)));
    return key;
  }

  private startDay(driver: Readonly<CatalogInstrument>, day: number): DayWalk {
    const x = this.anchor(driver, day);
    return { day, second: 0, x, target: this.anchor(driver, day + 1), checkpoints: [x] };
  }

  /** The log price at midnight UTC starting `day`: start price × slow trend × daily shock. */
  private anchor(driver: Readonly<CatalogInstrument>, day: number): number {
    const key = this.keyOf(driver.symbol);
    const knot = Math.floor(day / TREND_KNOT_DAYS);
    const f = (day - knot * TREND_KNOT_DAYS) / TREND_KNOT_DAYS;
    const smooth = f * f * (3 - 2 * f);
    const v0 = signedUniform(mix(key ^ STREAM_TREND, knot));
    const v1 = signedUniform(mix(key ^ STREAM_TREND, knot + 1));
    const trend = TREND_AMPLITUDE * driver.annualVolatility * (v0 + (v1 - v0) * smooth);
    // Half the daily variance in each anchor's shock makes consecutive anchors differ by one day's σ.
    const dailySigma = driver.annualVolatility * Math.sqrt(SECONDS_PER_DAY / SECONDS_PER_YEAR);
    const shock = normalFrom(mix(key ^ STREAM_ANCHOR, day)) * dailySigma * Math.SQRT1_2;
    return Math.log(driver.startPrice) + trend + shock;
  }

  /** Steps the bridge to `second` of its day, from the last position or the nearest earlier checkpoint. */
  private advance(driver: Readonly<CatalogInstrument>, walk: DayWalk, second: number): number {
    if (second < walk.second) {
      const hour = Math.floor(second / CHECKPOINT_SECONDS);
      walk.second = hour * CHECKPOINT_SECONDS;
      walk.x = walk.checkpoints[hour];
    }
    const key = this.keyOf(driver.symbol) ^ STREAM_STEP;
    const sigma = driver.annualVolatility / Math.sqrt(SECONDS_PER_YEAR);
    const dayStart = walk.day * SECONDS_PER_DAY;
    let x = walk.x;
    for (let t = walk.second; t < second; t++) {
      const left = SECONDS_PER_DAY - t;
      x += (walk.target - x) / left + sigma * Math.sqrt((left - 1) / left) * normalFrom(mix(key, dayStart + t));
      if ((t + 1) % CHECKPOINT_SECONDS === 0 && walk.checkpoints.length === (t + 1) / CHECKPOINT_SECONDS) walk.checkpoints.push(x);
    }
    walk.second = second;
    walk.x = x;
    return x;
  }
}

/**
 * A feed tests drive tick by tick: `set` a mid (the catalog spread is applied; with an
 * odd number of ticks of spread, e.g. futures at one tick, the bid is the price set and the
 * mid half a tick above) or an explicit bid/ask, and `quote` returns the last price set,
 * stamped with `at` or the clock.
 */
export class ManualFeed implements PriceFeed {
  private readonly prices = new Map<string, { bid: number; ask: number; mid: number }>();

  constructor(
    initial: Readonly<Record<string, number | { bid: number; ask: number }>> = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const [symbol, price] of Object.entries(initial)) this.set(symbol, price);
  }

  /** Sets the price of a catalog symbol; returns the resulting quote. */
  set(symbol: string, price: number | { bid: number; ask: number }): Quote {
    const entry = requireInstrument(symbol);
    if (typeof price === "number") {
      if (!(price > 0)) throw new RangeError(`price of ${entry.symbol} must be positive, got ${price}`);
      const { bid, ask, mid } = quoteAround(entry, price, this.clock());
      this.prices.set(entry.symbol, { bid, ask, mid });
    } else {
      if (!(price.bid > 0 && price.ask >= price.bid)) throw new RangeError(`${entry.symbol}: need 0 < bid ≤ ask, got ${price.bid}/${price.ask}`);
      this.prices.set(entry.symbol, { ...price, mid: (price.bid + price.ask) / 2 });
    }
    return this.quote(entry.symbol);
  }

  quote(symbol: string, at: Date = this.clock()): Quote {
    const entry = requireInstrument(symbol);
    const price = this.prices.get(entry.symbol);
    if (!price) throw new UnknownSymbolError(entry.symbol);
    return { symbol: entry.symbol, ...price, t: at };
  }
}

/**
 * The feed an environment asks for: a replay of `UNIFY_PRICE_REPLAY_CSV` (one path, or
 * `EURUSD=a.csv,XAUUSD=b.csv`) when set, with the random walk pricing every symbol the
 * replay lacks; otherwise the random walk seeded by `UNIFY_PRICE_SEED`.
 */
export function createFeedFromEnv(env: Readonly<Record<string, string | undefined>>): PriceFeed {
  const walk = new RandomWalkFeed({ seed: env.UNIFY_PRICE_SEED?.trim() || DEFAULT_PRICE_SEED });
  const replay = env.UNIFY_PRICE_REPLAY_CSV?.trim();
  return replay ? new ReplayFeed(loadReplayFiles(replay), { fallback: walk }) : walk;
}

const store = globalThis as unknown as { __unifyPriceFeed?: PriceFeed };

/**
 * The process-wide feed, created on first use from process.env (never at module load, so
 * `next build` does not read replay files). Kept on globalThis so Next.js dev reloads and
 * separately bundled route modules share one cache.
 */
export function defaultFeed(): PriceFeed {
  store.__unifyPriceFeed ??= createFeedFromEnv(process.env);
  return store.__unifyPriceFeed;
}
