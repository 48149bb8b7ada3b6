/**
 * Types and seed data of the TradeLocker fake: the demo accounts, the instruments
 * (EURUSD, GBPUSD, USDJPY, EURGBP, XAUUSD, US30 with their TRADE/INFO routes and lot constraints)
 * and start prices.
 * Field names follow TradeLocker's API docs and its Python client (`tradelocker/types.py`).
 */

export type TlSide = "buy" | "sell";
export type TlOrderType = "market" | "limit" | "stop";
export type TlStopLossType = "absolute" | "offset" | "trailingOffset";
export type TlTakeProfitType = "absolute" | "offset";

export type TlAccount = { id: number; accNum: number; name: string; currency: string; balance: number };

export type TlInstrument = {
  tradableInstrumentId: number;
  id: number;
  name: string;
  description: string;
  type: string;
  tradeRouteId: number;
  infoRouteId: number;
  /** Units per lot (contract size): 100 000 for FX, 100 oz for gold. */
  lotSize: number;
  lotStep: number;
  minLot: number;
  maxLot: number;
  tickSize: number;
  baseCurrency: string;
  quoteCurrency: string;
};

export type TlOrder = {
  id: number;
  accountId: number;
  tradableInstrumentId: number;
  routeId: number;
  qty: number;
  side: TlSide;
  type: TlOrderType;
  /** New (working), Filled, Cancelled, Refused. */
  status: "New" | "Filled" | "Cancelled" | "Refused";
  filledQty: number;
  avgPrice: number;
  price: number | null;
  stopPrice: number | null;
  validity: "IOC" | "GTC";
  createdDate: number;
  lastModified: number;
  positionId: number | null;
  stopLoss: number | null;
  stopLossType: TlStopLossType | null;
  takeProfit: number | null;
  takeProfitType: TlTakeProfitType | null;
  strategyId: string | null;
  /** `entry` for client orders; `sl`/`tp` for the protective orders TradeLocker attaches to a position. */
  role: "entry" | "close" | "sl" | "tp";
};

export type TlPosition = {
  id: number;
  accountId: number;
  tradableInstrumentId: number;
  routeId: number;
  side: TlSide;
  qty: number;
  avgPrice: number;
  stopLossId: number | null;
  takeProfitId: number | null;
  openDate: number;
  strategyId: string | null;
};

export type TlNewOrder = {
  accountId: number;
  instrument: TlInstrument;
  qty: number;
  side: TlSide;
  type: TlOrderType;
  validity: "IOC" | "GTC";
  price: number | null;
  stopPrice: number | null;
  stopLoss: number | null;
  stopLossType: TlStopLossType | null;
  takeProfit: number | null;
  takeProfitType: TlTakeProfitType | null;
  strategyId: string | null;
};

export type TlBookOptions = {
  /** Each fill opens its own position (hedging account) instead of netting per instrument. */
  hedging?: boolean;
  accounts?: TlAccount[];
};

export const TL_DEFAULT_ACCOUNTS: TlAccount[] = [
  { id: 701001, accNum: 1, name: "TL Demo USD", currency: "USD", balance: 10_000 },
  { id: 701002, accNum: 2, name: "TL Demo Challenge", currency: "USD", balance: 50_000 },
];

const CURRENCY_NAMES: Record<string, string> = { USD: "US Dollar", EUR: "Euro", GBP: "British Pound", JPY: "Japanese Yen" };

const fx = (tid: number, id: number, name: string, route: number, base: string, quote = "USD"): TlInstrument => ({
  tradableInstrumentId: tid,
  id,
  name,
  description: `${CURRENCY_NAMES[base] ?? base} vs ${CURRENCY_NAMES[quote] ?? quote}`,
  type: "FOREX",
  tradeRouteId: route,
  infoRouteId: route + 1,
  lotSize: 100_000,
  lotStep: 0.01,
  minLot: 0.01,
  maxLot: 100,
  tickSize: quote === "JPY" ? 0.001 : 0.00001,
  baseCurrency: base,
  quoteCurrency: quote,
});

export const TL_INSTRUMENTS: TlInstrument[] = [
  fx(278, 5001, "EURUSD", 801, "EUR"),
  fx(279, 5002, "GBPUSD", 803, "GBP"),
  // Pairs not quoted in the accounts' USD: a 1.0 move of one lot is JPY / GBP 100,000.
  fx(280, 5003, "USDJPY", 807, "USD", "JPY"),
  fx(281, 5004, "EURGBP", 809, "EUR", "GBP"),
  {
    tradableInstrumentId: 301,
    id: 5101,
    name: "XAUUSD",
    description: "Gold vs US Dollar",
    type: "CFD",
    tradeRouteId: 805,
    infoRouteId: 806,
    lotSize: 100,
    lotStep: 0.01,
    minLot: 0.01,
    maxLot: 100,
    tickSize: 0.01,
    baseCurrency: "XAU",
    quoteCurrency: "USD",
  },
  {
    // A cash index CFD: nothing in its name says its currency, only the instrument details do.
    tradableInstrumentId: 401,
    id: 5201,
    name: "US30",
    description: "Wall Street 30 Cash",
    type: "CFD",
    tradeRouteId: 811,
    infoRouteId: 812,
    lotSize: 1,
    lotStep: 0.1,
    minLot: 0.1,
    maxLot: 50,
    tickSize: 0.1,
    baseCurrency: "",
    quoteCurrency: "USD",
  },
];

export const TL_START_PRICES: Record<string, number> = { EURUSD: 1.0825, GBPUSD: 1.2715, USDJPY: 150.25, EURGBP: 0.8512, XAUUSD: 2650.5, US30: 42_150 };

/**
 * One entry of `GET /trade/accounts/{accountId}/instruments` → `d.instruments`. The first
 * fields are the ones TradeLocker's Python client types; `lotStep`, `minLot`, `maxLot` are
 * listed here as brokers.md states (unconfirmed whether the list or only the details carry them).
 */
export function tlInstrumentListing() {
  return TL_INSTRUMENTS.map((i) => ({
    tradableInstrumentId: i.tradableInstrumentId,
    id: i.id,
    name: i.name,
    description: i.description,
    type: i.type,
    tradingExchange: "TRADELOCKER",
    marketDataExchange: "TRADELOCKER",
    country: null,
    logoUrl: null,
    localizedName: i.name,
    routes: [
      { id: i.tradeRouteId, type: "TRADE" },
      { id: i.infoRouteId, type: "INFO" },
    ],
    barSource: "BID",
    hasIntraday: true,
    hasDaily: true,
    lotStep: i.lotStep,
    minLot: i.minLot,
    maxLot: i.maxLot,
  }));
}

/**
 * `GET /trade/instruments/{tradableInstrumentId}` → `d`: "detailed instrument settings, such
 * as lot steps and sizes, quoting currency, trade session id" (TradeLocker API reference);
 * the exact field names beyond that sentence are unconfirmed.
 */
export function tlInstrumentDetails(i: TlInstrument) {
  return {
    tradableInstrumentId: i.tradableInstrumentId,
    id: i.id,
    name: i.name,
    description: i.description,
    lotSize: i.lotSize,
    lotStep: i.lotStep,
    minLot: i.minLot,
    maxLot: i.maxLot,
    tickSize: i.tickSize,
    baseCurrency: i.baseCurrency,
    quotingCurrency: i.quoteCurrency,
    tradeSessionId: 1,
  };
}
