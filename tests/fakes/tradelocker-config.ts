/**
 * `GET /trade/config` of the TradeLocker fake and the row encoding it governs.
 *
 * TradeLocker returns positions, orders and account state as arrays of values whose
 * order is given by the column lists in `/trade/config` (`positionsConfig.columns[].id`
 * and so on — that is how TradeLocker's Python client reads them). The column ids below
 * are the ones that client types. With `shuffleColumns` the fake reverses every list, so a
 * test can prove the client reads the config instead of hard-coding positions.
 */
import type { TradeLockerBook } from "./tradelocker-book";
import type { TlAccount, TlOrder, TlPosition } from "./tradelocker-data";

export const POSITION_COLUMNS = ["id", "tradableInstrumentId", "routeId", "side", "qty", "avgPrice", "stopLossId", "takeProfitId", "openDate", "unrealizedPl", "strategyId"];

export const ORDER_COLUMNS = [
  "id", "tradableInstrumentId", "routeId", "qty", "side", "type", "status", "filledQty", "avgPrice", "price", "stopPrice", "validity",
  "expireDate", "createdDate", "lastModified", "isOpen", "positionId", "stopLoss", "stopLossType", "takeProfit", "takeProfitType", "strategyId",
];

export const ACCOUNT_DETAILS_COLUMNS = [
  "balance", "projectedBalance", "availableFunds", "blockedBalance", "cashBalance", "unsettledCash", "withdrawalAvailable", "stocksValue",
  "optionValue", "initialMarginReq", "maintMarginReq", "marginWarningLevel", "blockedForStocks", "stockOrdersReq", "stopOutLevel",
  "warningMarginReq", "marginBeforeWarning", "todayGross", "todayNet", "todayFees", "todayVolume", "todayTradesCount", "openGrossPnL",
  "openNetPnL", "positionsCount", "ordersCount",
];

/** Route names of `rateLimits` as TradeLocker's Python client lists them; the limits themselves are the fake's choice. */
export const TL_RATE_LIMITS = [
  { rateLimitType: "PLACE_ORDER", measure: "SECONDS", intervalNum: 1, limit: 10 },
  { rateLimitType: "GET_POSITIONS", measure: "SECONDS", intervalNum: 1, limit: 10 },
  { rateLimitType: "GET_ORDERS", measure: "SECONDS", intervalNum: 1, limit: 10 },
  { rateLimitType: "GET_ACCOUNTS_STATE", measure: "SECONDS", intervalNum: 1, limit: 10 },
  { rateLimitType: "GET_INSTRUMENTS", measure: "MINUTES", intervalNum: 1, limit: 60 },
  { rateLimitType: "QUOTES_HISTORY", measure: "SECONDS", intervalNum: 1, limit: 2 },
];

export type Cell = string | number | boolean | null;

export type RowStyle = {
  /** Numbers and ids as strings ("1.0825", "7277816997830000") — how TradeLocker serialises them (unconfirmed; its client casts every column). */
  numericStrings: boolean;
  shuffleColumns: boolean;
};

const columnsOf = (list: string[], style: RowStyle) => (style.shuffleColumns ? [...list].reverse() : list);

const cell = (value: number | string | boolean | null, style: RowStyle): Cell =>
  typeof value === "number" && style.numericStrings ? String(value) : value;

function encode(record: Record<string, number | string | boolean | null>, list: string[], style: RowStyle): Cell[] {
  return columnsOf(list, style).map((column) => cell(record[column] ?? null, style));
}

export function configBody(style: RowStyle) {
  const columns = (list: string[]) => columnsOf(list, style).map((id) => ({ id, description: id }));
  return {
    customerAccess: { orders: true, ordersHistory: true, positions: true, symbolInfo: true, marketDepth: false },
    positionsConfig: { id: "positionsConfig", title: "Positions", columns: columns(POSITION_COLUMNS) },
    ordersConfig: { id: "ordersConfig", title: "Orders", columns: columns(ORDER_COLUMNS) },
    ordersHistoryConfig: { id: "ordersHistoryConfig", title: "Orders History", columns: columns(ORDER_COLUMNS) },
    accountDetailsConfig: { id: "accountDetailsConfig", title: "Account Details", columns: columns(ACCOUNT_DETAILS_COLUMNS) },
    rateLimits: TL_RATE_LIMITS,
    limits: [{ limitType: "QUOTES_HISTORY_BARS", limit: 30000 }],
  };
}

export function positionRow(book: TradeLockerBook, p: TlPosition, style: RowStyle): Cell[] {
  return encode({ ...p, unrealizedPl: book.unrealized(p) }, POSITION_COLUMNS, style);
}

export function orderRow(o: TlOrder, style: RowStyle): Cell[] {
  return encode({ ...o, isOpen: o.status === "New", expireDate: null }, ORDER_COLUMNS, style);
}

export function accountDetailsRow(book: TradeLockerBook, account: TlAccount, style: RowStyle): Cell[] {
  const open = book.openPositions(account.id);
  const openPnl = open.reduce((sum, p) => sum + book.unrealized(p), 0);
  const equity = book.equity(account);
  const record = {
    balance: account.balance,
    projectedBalance: equity,
    availableFunds: equity,
    blockedBalance: 0,
    cashBalance: account.balance,
    unsettledCash: 0,
    withdrawalAvailable: account.balance,
    stocksValue: 0,
    optionValue: 0,
    initialMarginReq: 0,
    maintMarginReq: 0,
    marginWarningLevel: 0,
    blockedForStocks: 0,
    stockOrdersReq: 0,
    stopOutLevel: 0,
    warningMarginReq: 0,
    marginBeforeWarning: 0,
    todayGross: 0,
    todayNet: 0,
    todayFees: 0,
    todayVolume: 0,
    todayTradesCount: book.historyOrders(account.id).filter((o) => o.status === "Filled").length,
    openGrossPnL: openPnl,
    openNetPnL: openPnl,
    positionsCount: open.length,
    ordersCount: book.workingOrders(account.id).length,
  };
  return encode(record, ACCOUNT_DETAILS_COLUMNS, style);
}
