/**
 * The instrument catalog of the paper broker and the price feed, as data: trading
 * constraints, tick sizes and values, and the parameters the simulated feed needs
 * (start price, annualised volatility, typical spread).
 */
import type { Instrument, InstrumentKind } from "@/brokers/types";
import { canonicalSymbol } from "./symbols";
import type { Quote } from "./price-feed";

/** Currency the price of an instrument is quoted in; P&L arises in it before conversion to USD. */
export type QuoteCurrency = "USD" | "JPY" | "CAD" | "CHF";

/** One catalog entry: an `Instrument` (brokerSymbol = symbol) plus what the simulated feed needs. */
export type CatalogInstrument = Omit<Instrument, "meta"> & {
  /** Price the random walk is centred on (it wanders around it, it does not drift away). */
  startPrice: number;
  /** Annualised volatility of log returns (0.07 = 7 %), over calendar time. */
  annualVolatility: number;
  /** Typical spread ask − bid in price units; a whole number of ticks. */
  spread: number;
  quoteCurrency: QuoteCurrency;
  /**
   * The symbol whose price path drives this one. Micro contracts follow their full-size
   * contract so ES and MES always show the same price, as they do at the exchange.
   */
  feedSymbol: string;
};

type Row = Omit<CatalogInstrument, "brokerSymbol" | "feedSymbol" | "quoteCurrency"> & {
  quoteCurrency?: QuoteCurrency;
  feedSymbol?: string;
};

const LOTS = { minQty: 0.01, maxQty: 100, qtyStep: 0.01 } as const;
const CONTRACTS = { minQty: 1, maxQty: 50, qtyStep: 1, contractSize: 1 } as const;
const FX_LOT = 100_000;

/**
 * An FX pair. For pairs not quoted in USD (USDJPY, USDCAD, USDCHF, EURJPY, GBPJPY) the
 * catalog's valuePerPoint is the value at the start prices; it depends on the rate and
 * `valuePerPointAt` recomputes it at the current price.
 */
function fx(symbol: string, startPrice: number, annualVolatility: number, spreadPips: number, quoteCurrency: QuoteCurrency = "USD"): Row {
  const jpy = quoteCurrency === "JPY";
  const pipSize = jpy ? 0.01 : 0.0001;
  return {
    symbol,
    kind: "fx",
    ...LOTS,
    // Fractional pips (5th decimal, 3rd for JPY) as every retail FX broker quotes them.
    tickSize: jpy ? 0.001 : 0.00001,
    pipSize,
    contractSize: FX_LOT,
    valuePerPoint: FX_LOT,
    startPrice,
    annualVolatility,
    spread: roundTo(spreadPips * pipSize, jpy ? 3 : 5),
    quoteCurrency,
  };
}

/** A futures contract: tick size and tick value as the exchange specifies them; valuePerPoint = tick value / tick size. */
function future(symbol: string, kind: InstrumentKind, tickSize: number, tickValue: number, startPrice: number, annualVolatility: number, feedSymbol?: string): Row {
  return {
    symbol,
    kind,
    ...CONTRACTS,
    tickSize,
    pipSize: tickSize,
    valuePerPoint: roundTo(tickValue / tickSize, 6),
    startPrice,
    annualVolatility,
    // Liquid futures trade one tick wide.
    spread: tickSize,
    feedSymbol,
  };
}

/** A CFD-style instrument traded in lots (metals spot, crypto, cash indices). */
function cfd(symbol: string, kind: InstrumentKind, contractSize: number, tickSize: number, pipSize: number, startPrice: number, annualVolatility: number, spread: number): Row {
  return { symbol, kind, ...LOTS, tickSize, pipSize, contractSize, valuePerPoint: contractSize, startPrice, annualVolatility, spread };
}

const ROWS: Row[] = [
  fx("EURUSD", 1.085, 0.07, 0.8),
  fx("GBPUSD", 1.27, 0.08, 1.2),
  fx("USDJPY", 150, 0.09, 1.0, "JPY"),
  fx("AUDUSD", 0.66, 0.1, 1.0),
  fx("USDCAD", 1.36, 0.07, 1.5, "CAD"),
  fx("USDCHF", 0.88, 0.08, 1.5, "CHF"),
  fx("NZDUSD", 0.61, 0.11, 1.8),
  fx("EURJPY", 162.75, 0.1, 1.8, "JPY"),
  fx("GBPJPY", 190.5, 0.11, 2.5, "JPY"),
  // CME equity index futures: ES $12.50/tick, MES $1.25, NQ $5, MNQ $0.50, YM $5, MYM $0.50, RTY $5.
  future("ES", "index_future", 0.25, 12.5, 5000, 0.16),
  future("MES", "index_future", 0.25, 1.25, 5000, 0.16, "ES"),
  future("NQ", "index_future", 0.25, 5, 17500, 0.22),
  future("MNQ", "index_future", 0.25, 0.5, 17500, 0.22, "NQ"),
  future("YM", "index_future", 1, 5, 38000, 0.15),
  future("MYM", "index_future", 1, 0.5, 38000, 0.15, "YM"),
  future("RTY", "index_future", 0.1, 5, 2000, 0.22),
  // NYMEX crude (1,000 bbl, micro 100 bbl) and COMEX gold (100 oz, micro 10 oz).
  future("CL", "future", 0.01, 10, 75, 0.35),
  future("MCL", "future", 0.01, 1, 75, 0.35, "CL"),
  future("GC", "future", 0.1, 10, 2300, 0.15),
  future("MGC", "future", 0.1, 1, 2300, 0.15, "GC"),
  // Spot metals: 1 lot = 100 oz gold / 5,000 oz silver, the usual MetaTrader contract.
  cfd("XAUUSD", "metal", 100, 0.01, 0.1, 2300, 0.15, 0.3),
  cfd("XAGUSD", "metal", 5000, 0.001, 0.01, 27, 0.28, 0.02),
  // Crypto CFDs: 1 lot = 1 coin.
  cfd("BTCUSD", "crypto", 1, 0.01, 1, 65000, 0.55, 15),
  cfd("ETHUSD", "crypto", 1, 0.01, 0.1, 3300, 0.7, 1.5),
  // Cash index CFDs: 1 lot = USD 1 per index point.
  cfd("US30", "index", 1, 0.1, 1, 38000, 0.15, 2),
  cfd("NAS100", "index", 1, 0.1, 1, 17500, 0.22, 1.5),
  cfd("SPX500", "index", 1, 0.1, 1, 5000, 0.16, 0.5),
];

// The USD pair that converts each quote currency: USD per 1 unit of it is 1 / that pair's price.
const USD_RATE_PAIR: Record<Exclude<QuoteCurrency, "USD">, string> = { JPY: "USDJPY", CAD: "USDCAD", CHF: "USDCHF" };

const startPriceOf = (symbol: string) => ROWS.find((r) => r.symbol === symbol)?.startPrice ?? Number.NaN;

/** Every instrument the paper broker trades, keyed by canonical symbol. Frozen: never mutate. */
export const INSTRUMENTS: ReadonlyMap<string, Readonly<CatalogInstrument>> = new Map(
  ROWS.map((r) => {
    const entry = { ...r, brokerSymbol: r.symbol, quoteCurrency: r.quoteCurrency ?? "USD", feedSymbol: r.feedSymbol ?? r.symbol };
    return [r.symbol, Object.freeze({ ...entry, valuePerPoint: valuePerPointAt(entry, startPriceOf) })];
  }),
);

// Names TradingView data vendors and CFD brokers use for the same instruments.
const ALIASES: Record<string, string> = {
  GOLD: "XAUUSD",
  SILVER: "XAGUSD",
  XBTUSD: "BTCUSD",
  BTCUSDT: "BTCUSD",
  ETHUSDT: "ETHUSD",
  DJI: "US30",
  DJ30: "US30",
  WS30: "US30",
  US100: "NAS100",
  USTEC: "NAS100",
  NDX: "NAS100",
  US500: "SPX500",
  SPX: "SPX500",
};

/**
 * The catalog entry for a TradingView ticker or symbol (`EURUSD`, `OANDA:EURUSD`, `NQ1!`,
 * `MNQZ5`, `BINANCE:BTCUSDT`), or undefined when the paper broker does not trade it.
 */
export function findInstrument(tickerOrSymbol: string): Readonly<CatalogInstrument> | undefined {
  const symbol = canonicalSymbol(tickerOrSymbol);
  return INSTRUMENTS.get(symbol) ?? INSTRUMENTS.get(ALIASES[symbol] ?? "");
}

/** Thrown by price feeds asked for a symbol they have no prices for. */
export class UnknownSymbolError extends Error {
  constructor(readonly symbol: string) {
    super(`Unknown symbol ${symbol}`);
    this.name = "UnknownSymbolError";
  }
}

/** Like `findInstrument`, but throws UnknownSymbolError when the symbol is not in the catalog. */
export function requireInstrument(tickerOrSymbol: string): Readonly<CatalogInstrument> {
  const found = findInstrument(tickerOrSymbol);
  if (!found) throw new UnknownSymbolError(canonicalSymbol(tickerOrSymbol));
  return found;
}

/**
 * USD per 1.0 price move per lot at current prices. Fixed for USD-quoted instruments; for
 * USDJPY it is 100,000 / USDJPY, for EURJPY 100,000 / USDJPY too (the move is in yen),
 * so a P&L or margin figure is only right when this is recomputed at the current rate.
 * `midOf` gives the current mid price of a catalog symbol (e.g. `s => feed.quote(s).mid`).
 */
export function valuePerPointAt(entry: Pick<CatalogInstrument, "contractSize" | "valuePerPoint" | "quoteCurrency">, midOf: (symbol: string) => number): number {
  if (entry.quoteCurrency === "USD") return entry.valuePerPoint;
  return entry.contractSize / midOf(USD_RATE_PAIR[entry.quoteCurrency]);
}

/** The plain `Instrument` the BrokerAdapter interface hands around, valued at current prices. */
export function toInstrument(entry: Readonly<CatalogInstrument>, midOf: (symbol: string) => number): Instrument {
  return {
    symbol: entry.symbol,
    brokerSymbol: entry.brokerSymbol,
    kind: entry.kind,
    minQty: entry.minQty,
    maxQty: entry.maxQty,
    qtyStep: entry.qtyStep,
    tickSize: entry.tickSize,
    pipSize: entry.pipSize,
    valuePerPoint: valuePerPointAt(entry, midOf),
    contractSize: entry.contractSize,
  };
}

/** Decimal places of a tick size (0.00001 → 5, 0.25 → 2, 1 → 0), so prices print without float noise. */
export function tickDecimals(tickSize: number): number {
  const text = tickSize.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Rounds to a number of decimals, removing binary floating-point noise (1.0850000000000002 → 1.085). */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** The nearest multiple of the tick size. */
export function roundToTick(price: number, tickSize: number): number {
  return roundTo(Math.round(price / tickSize) * tickSize, tickDecimals(tickSize));
}

/**
 * Bid and ask around a mid price: both on tick, the spread a whole number of ticks (at
 * least one), so `ask - bid` is the catalog spread whatever the mid.
 */
export function bidAskAround(mid: number, tickSize: number, spread: number): { bid: number; ask: number } {
  const spreadTicks = Math.max(1, Math.round(spread / tickSize));
  const decimals = tickDecimals(tickSize);
  const bidTicks = Math.round(mid / tickSize - spreadTicks / 2);
  return { bid: roundTo(bidTicks * tickSize, decimals), ask: roundTo((bidTicks + spreadTicks) * tickSize, decimals) };
}

/** A Quote on tick around a mid price, with the instrument's spread unless one is given. */
export function quoteAround(entry: Pick<CatalogInstrument, "symbol" | "tickSize" | "spread">, mid: number, t: Date, spread = entry.spread): Quote {
  const { bid, ask } = bidAskAround(mid, entry.tickSize, spread);
  return { symbol: entry.symbol, bid, ask, mid: roundTo((bid + ask) / 2, tickDecimals(entry.tickSize) + 1), t };
}
