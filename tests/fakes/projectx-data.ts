/**
 * Types, enums and seed data of the ProjectX Gateway fake (gateway.docs.projectx.com).
 *
 * Contract ids follow the docs' examples (`CON.F.US.MNQ.H25`, `CON.F.US.ENQ.H25` for NQ,
 * `CON.F.US.EP.U25` for ES) and roll to the quarterly front month of the fake's clock. Names
 * are the exchange symbol with a one-digit year (`ESU5` for `CON.F.US.EP.U25`), as the
 * gateway answers today; the docs' older example shows the product code instead (`ENQH25`).
 */
import { frontMonth, monthName } from "./front-month";

/** `type` of `/api/Order/place` (docs): 1 Limit, 2 Market, 4 Stop, 5 TrailingStop, 6 JoinBid, 7 JoinAsk. */
export const PX_ORDER_TYPES = [1, 2, 4, 5, 6, 7] as const;
export type PxOrderType = (typeof PX_ORDER_TYPES)[number];
/** `side` (docs): 0 = Bid (buy), 1 = Ask (sell). */
export type PxSide = 0 | 1;

/**
 * Order status codes. Filled = 2 is in the docs' `/api/Order/search` example; the rest follow
 * the order None, Open, Filled, Cancelled, Expired, Rejected, Pending of the SDKs (unconfirmed).
 */
export const PX_STATUS = { None: 0, Open: 1, Filled: 2, Cancelled: 3, Expired: 4, Rejected: 5, Pending: 6 } as const;
export type PxStatus = (typeof PX_STATUS)[keyof typeof PX_STATUS];

/** Position `type`: 1 long, 2 short (brokers.md, from an SDK — unconfirmed in the docs). */
export const PX_POSITION = { Long: 1, Short: 2 } as const;

/**
 * `errorCode` of a failed `/api/Order/place` etc. The docs only say 0 = success; these
 * values follow the PlaceOrderErrorCode list the community SDKs use (unconfirmed).
 */
export const PX_ERROR = { AccountNotFound: 1, OrderRejected: 2, InsufficientFunds: 3, AccountViolation: 4, ContractNotFound: 8 } as const;

export type PxAccount = { id: number; name: string; balance: number; canTrade: boolean; isVisible: boolean; simulated: boolean };

export type PxContract = {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
  /** Our root symbol (MNQ, NQ, ES, MES) — not part of the API. */
  root: string;
};

export type PxOrder = {
  id: number;
  accountId: number;
  contractId: string;
  symbolId: string;
  creationTimestamp: string;
  updateTimestamp: string | null;
  status: PxStatus;
  type: PxOrderType;
  side: PxSide;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: number | null;
  fillVolume: number;
  filledPrice: number | null;
  customTag: string | null;
  /** Bracket children point at their entry; the fake cancels the sibling when one fills (OCO). */
  parentId: number | null;
  bracket: { stopLoss?: { ticks: number; type: PxOrderType }; takeProfit?: { ticks: number; type: PxOrderType } } | null;
};

export type PxPosition = {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  type: 1 | 2;
  size: number;
  averagePrice: number;
};

export const PX_DEFAULT_ACCOUNTS: PxAccount[] = [
  { id: 12001, name: "50KTC-V2-12001", balance: 50_000, canTrade: true, isVisible: true, simulated: true },
  { id: 12002, name: "PRAC-V2-12002", balance: 150_000, canTrade: true, isVisible: true, simulated: true },
  { id: 12003, name: "50KTC-V2-12003-FAILED", balance: 47_200, canTrade: false, isVisible: false, simulated: true },
];

const ROOTS = [
  { root: "MNQ", code: "MNQ", title: "Micro E-mini Nasdaq-100", tickValue: 0.5, price: 21_000 },
  { root: "NQ", code: "ENQ", title: "E-mini NASDAQ-100", tickValue: 5, price: 21_000 },
  { root: "ES", code: "EP", title: "E-Mini S&P 500", tickValue: 12.5, price: 6_000 },
  { root: "MES", code: "MES", title: "Micro E-mini S&P 500", tickValue: 1.25, price: 6_000 },
];

/** The front-month contracts at `now`, and their start prices. */
export function pxContracts(now: Date): Array<{ contract: PxContract; price: number }> {
  const month = frontMonth(now);
  const yy = String(month.year % 100).padStart(2, "0");
  return ROOTS.map((r) => ({
    contract: {
      id: `CON.F.US.${r.code}.${month.code}${yy}`,
      name: `${r.root}${month.code}${month.year % 10}`,
      description: `${r.title}: ${monthName(month.month)} ${month.year}`,
      tickSize: 0.25,
      tickValue: r.tickValue,
      activeContract: true,
      symbolId: `F.US.${r.code}`,
      root: r.root,
    },
    price: r.price,
  }));
}

/** A contract as the API returns it (without our `root`). */
export function pxContractView(c: PxContract) {
  return { id: c.id, name: c.name, description: c.description, tickSize: c.tickSize, tickValue: c.tickValue, activeContract: c.activeContract, symbolId: c.symbolId };
}

/** An order as `/api/Order/search*` returns it (docs example fields). */
export function pxOrderView(o: PxOrder) {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contractId,
    symbolId: o.symbolId,
    creationTimestamp: o.creationTimestamp,
    updateTimestamp: o.updateTimestamp,
    status: o.status,
    type: o.type,
    side: o.side,
    size: o.size,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    fillVolume: o.fillVolume,
    filledPrice: o.filledPrice,
    customTag: o.customTag,
  };
}
