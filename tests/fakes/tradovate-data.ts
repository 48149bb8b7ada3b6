/**
 * Types and seed data of the Tradovate fake. Entity fields are those of the Tradovate
 * API reference (partner.tradovate.com: Account, Contract, Order, Fill, Position,
 * CashBalanceSnapshot); Product and ContractMaturity carry the fields that reference names
 * for tick size and point value (`tickSize`, `valuePerPoint`; unconfirmed beyond the names).
 */
import { frontMonth } from "./front-month";

/** `failureReason` values of PlaceOrderResult / CommandResult (Tradovate API reference). */
export const TV_FAILURE_REASONS = [
  "AccountClosed", "AdvancedTrailingStopUnsupported", "AnotherCommandPending", "BackMonthProhibited", "ExecutionProviderNotConfigured",
  "ExecutionProviderUnavailable", "InvalidContract", "InvalidPrice", "LiquidationOnly", "LiquidationOnlyBeforeExpiration",
  "MaxOrderQtyIsNotSpecified", "MaxOrderQtyLimitReached", "MaxPosLimitMisconfigured", "MaxPosLimitReached", "MaxTotalPosLimitReached",
  "MultipleAccountPlanRequired", "NoQuote", "NotEnoughLiquidity", "OtherExecutionRelated", "ParentRejected", "RiskCheckTimeout",
  "SessionClosed", "Success", "TooLate", "TradingLocked", "TrailingStopNonOrderQtyModify", "Unauthorized", "UnknownReason", "Unsupported",
] as const;
export type TvFailureReason = (typeof TV_FAILURE_REASONS)[number];

/** `orderType` values the docs list; the fake executes Market, Limit, Stop and StopLimit. */
export const TV_ORDER_TYPES = ["Limit", "LimitIfTouched", "MIT", "Market", "QTS", "Stop", "StopLimit", "TrailingStop", "TrailingStopLimit"] as const;
export type TvOrderType = (typeof TV_ORDER_TYPES)[number];
export type TvAction = "Buy" | "Sell";
export type TvTimeInForce = "Day" | "FOK" | "GTC" | "GTD" | "IOC";
export type TvOrdStatus = "Canceled" | "Completed" | "Expired" | "Filled" | "PendingCancel" | "PendingNew" | "PendingReplace" | "Rejected" | "Suspended" | "Unknown" | "Working";

export type TvAccount = {
  id: number;
  name: string;
  userId: number;
  accountType: "Customer";
  active: boolean;
  clearingHouseId: number;
  riskCategoryId: number;
  autoLiqProfileId: number;
  marginAccountType: "Speculator";
  legalStatus: "Individual";
  timestamp: string;
  restricted: boolean;
  closed: boolean;
};

export type TvProduct = { id: number; name: string; description: string; tickSize: number; valuePerPoint: number; price: number };
export type TvContract = { id: number; name: string; contractMaturityId: number; timestamp: string; product: TvProduct; expirationDate: string; expirationMonth: number };

export type TvOrder = {
  id: number;
  accountId: number;
  contractId: number;
  timestamp: string;
  action: TvAction;
  ordStatus: TvOrdStatus;
  admin: boolean;
  ocoId: number | null;
  parentId: number | null;
  // Not part of the Order entity (Tradovate keeps them in OrderVersion/Command); kept for the book and tests.
  versionId: number;
  orderQty: number;
  filledQty: number;
  orderType: TvOrderType;
  price: number | null;
  stopPrice: number | null;
  timeInForce: TvTimeInForce | null;
  clOrdId: string | null;
  customTag50: string | null;
  isAutomated: boolean;
};

export type TvFill = { id: number; orderId: number; contractId: number; timestamp: string; tradeDate: TvTradeDate; action: TvAction; qty: number; price: number; active: boolean; finallyPaired: number };
export type TvTradeDate = { year: number; month: number; day: number };

/** Tradovate keeps a position row per account and contract for the day, also once it is flat (netPos 0). */
export type TvPosition = {
  id: number;
  accountId: number;
  contractId: number;
  timestamp: string;
  tradeDate: TvTradeDate;
  netPos: number;
  netPrice?: number;
  bought: number;
  boughtValue: number;
  sold: number;
  soldValue: number;
  prevPos: number;
};

export const tradeDate = (d = new Date()): TvTradeDate => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });

export function tvDefaultAccounts(userId: number): TvAccount[] {
  const base = { userId, accountType: "Customer" as const, active: true, clearingHouseId: 2, riskCategoryId: 2, autoLiqProfileId: 2, marginAccountType: "Speculator" as const, legalStatus: "Individual" as const, timestamp: "2026-01-05T14:00:00Z", restricted: false, closed: false };
  return [
    { ...base, id: 40001, name: "DEMO4000123" },
    { ...base, id: 40002, name: "DEMO4000124" },
  ];
}

export const TV_PRODUCTS: TvProduct[] = [
  { id: 2901, name: "MNQ", description: "Micro E-Mini Nasdaq-100", tickSize: 0.25, valuePerPoint: 2, price: 21_000 },
  { id: 2902, name: "NQ", description: "E-Mini Nasdaq-100", tickSize: 0.25, valuePerPoint: 20, price: 21_000 },
  { id: 2903, name: "ES", description: "E-Mini S&P 500", tickSize: 0.25, valuePerPoint: 50, price: 6_000 },
  { id: 2904, name: "MES", description: "Micro E-Mini S&P 500", tickSize: 0.25, valuePerPoint: 5, price: 6_000 },
];

/** Front-month contracts at `now`, named the Tradovate way: root + month code + one-digit year (MNQZ6). */
export function tvContracts(now: Date): TvContract[] {
  const month = frontMonth(now);
  return TV_PRODUCTS.map((product, i) => ({
    id: 3_770_100 + i,
    name: `${product.name}${month.code}${month.year % 10}`,
    contractMaturityId: 51_200 + i,
    timestamp: now.toISOString(),
    product,
    expirationDate: month.expiry.toISOString(),
    expirationMonth: month.year * 100 + month.month,
  }));
}

export const contractView = (c: TvContract) => ({ id: c.id, name: c.name, contractMaturityId: c.contractMaturityId, timestamp: c.timestamp });
export const maturityView = (c: TvContract) => ({ id: c.contractMaturityId, productId: c.product.id, expirationMonth: c.expirationMonth, expirationDate: c.expirationDate, isFront: true });
export const productView = (p: TvProduct) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  productType: "Futures",
  currencyId: 1,
  status: "Verified",
  months: "HMUZ",
  valuePerPoint: p.valuePerPoint,
  tickSize: p.tickSize,
});

export const orderView = (o: TvOrder) => ({
  id: o.id,
  accountId: o.accountId,
  contractId: o.contractId,
  timestamp: o.timestamp,
  action: o.action,
  ordStatus: o.ordStatus,
  admin: o.admin,
  ...(o.ocoId === null ? {} : { ocoId: o.ocoId }),
  ...(o.parentId === null ? {} : { parentId: o.parentId }),
});
