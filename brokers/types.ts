/**
 * The one interface every broker sits behind. Adapters are called in-process by the
 * execution pipeline; they never touch our database. Credentials arrive decrypted, in
 * memory, for the duration of a call, and must never be logged.
 */

export type BrokerId = "paper" | "tradelocker" | "topstep" | "tradovate" | "mt4" | "mt5";
export const BROKER_IDS: BrokerId[] = ["paper", "tradelocker", "topstep", "tradovate", "mt4", "mt5"];

export type Side = "buy" | "sell";
export type OrderType = "market" | "limit" | "stop";
export type BrokerHealth = "operational" | "degraded" | "down";
export type AccountMode = "demo" | "live";

/** A broker account as the adapter needs it for a call. */
export type AccountRef = {
  /** Our broker_accounts.id. */
  accountId: string;
  userId: string;
  mode: AccountMode;
  /** The broker's own account id (TradeLocker accNum/id, ProjectX accountId, Tradovate accountId). */
  externalAccountId: string | null;
  /** Decrypted credentials; null for paper. */
  credentials: Record<string, string> | null;
};

export type BrokerAccountInfo = { externalAccountId: string; name: string; balance: number; equity: number; currency: string };

export type ConnectResult = {
  /** The account chosen (the one named in the credentials, else the first tradable one). */
  account: BrokerAccountInfo;
  /** Every account the credentials can trade. */
  accounts: BrokerAccountInfo[];
};

export type InstrumentKind = "fx" | "index_future" | "future" | "metal" | "crypto" | "index" | "stock";

/** Trading constraints and value of one instrument at one broker. */
export type Instrument = {
  /** Our canonical symbol (EURUSD, MNQ, XAUUSD, BTCUSD). */
  symbol: string;
  /** What the broker calls it (CON.F.US.MNQ.Z25, MNQZ5, tradableInstrumentId…). */
  brokerSymbol: string;
  kind: InstrumentKind;
  minQty: number;
  maxQty: number;
  qtyStep: number;
  tickSize: number;
  /** Size of one pip in price units (FX: 0.0001, JPY pairs 0.01); for futures one tick. */
  pipSize: number;
  /** Money (account currency) per 1.0 price move for 1 unit of qty (1 lot or 1 contract). */
  valuePerPoint: number;
  /** Units per lot (FX: 100,000); 1 for contracts. */
  contractSize: number;
  /** Broker-specific extra ids the adapter needs (routeId, contractId…). */
  meta?: Record<string, string | number>;
};

export type TrailingSpec = { distance: number };

export type PlaceOrderRequest = {
  /** Our order id: sent as the broker's client order id / custom tag so a retry can be recognised. */
  clientOrderId: string;
  instrument: Instrument;
  side: Side;
  type: OrderType;
  qty: number;
  /** Limit price (limit) or trigger price (stop). */
  price?: number;
  stopLoss?: number;
  takeProfit?: number;
  trailing?: TrailingSpec;
  tag?: string;
};

export type OrderStatus = "pending" | "submitted" | "partially_filled" | "filled" | "rejected" | "cancelled" | "expired";

export type PlaceOrderResult = {
  status: OrderStatus;
  brokerOrderId?: string;
  filledQty?: number;
  avgPrice?: number;
  /** Trader-readable reason when rejected. */
  reason?: string;
  /** The broker's own error code, when it gave one. */
  brokerCode?: string;
};

export type BrokerPosition = {
  symbol: string;
  side: Side;
  qty: number;
  entryPrice: number;
  currentPrice?: number;
  unrealizedPnl?: number;
  brokerPositionId?: string;
  stopLoss?: number;
  takeProfit?: number;
};

export type BrokerOrder = {
  brokerOrderId: string;
  clientOrderId?: string;
  symbol: string;
  side: Side;
  type: OrderType;
  qty: number;
  filledQty: number;
  price?: number;
  avgPrice?: number;
  status: OrderStatus;
};

export type AccountState = {
  balance: number;
  equity: number;
  margin: number;
  currency: string;
  positions: BrokerPosition[];
  /** When the broker's figures were taken, if earlier than the call (an EA's last poll). */
  asOf?: Date;
};

export type PositionHint = { side: Side; qty: number; entryPrice: number };

export type CloseResult = PlaceOrderResult & { realizedPnl?: number };

const BROKER_ERROR = Symbol.for("unify.BrokerError");

/** Raised by adapters for failures the user must see (bad credentials, broker down…). */
export class BrokerError extends Error {
  readonly [BROKER_ERROR] = true;

  // The bundler may load this module more than once (one copy per route chunk);
  // `instanceof` must still recognise an error thrown by another copy.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BROKER_ERROR] === true;
  }

  constructor(
    message: string,
    readonly kind: "rejected" | "unauthorized" | "rate_limited" | "unavailable" | "timeout",
    readonly brokerCode?: string,
  ) {
    super(message);
    this.name = "BrokerError";
  }
}

export interface BrokerAdapter {
  readonly id: BrokerId;
  /**
   * True for a broker simulated in this process (paper): no network, its book is our
   * database, so the pipeline books its answer inside the admission transaction.
   */
  readonly inProcess?: boolean;
  /** Field names the connect form asks for (paper: none). */
  readonly credentialFields: readonly { name: string; label: string; secret?: boolean; optional?: boolean }[];
  /** Validates credentials with the broker and lists the accounts they reach. */
  connect(credentials: Record<string, string>, mode: AccountMode): Promise<ConnectResult>;
  /** Resolves a TradingView ticker (EURUSD, NQ1!, OANDA:EURUSD) to the broker's instrument. */
  instrument(ref: AccountRef, ticker: string): Promise<Instrument>;
  /**
   * Current bid/ask, when the broker's API offers it over REST; sizing falls back to the
   * alert's own price. Optional: brokers that stream quotes only leave it out.
   */
  quote?(ref: AccountRef, instrument: Instrument): Promise<{ bid: number; ask: number }>;
  /** Places an order with our id as client id; expected outcomes come back as values, not throws. */
  placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult>;
  /** Finds an order we placed by its client id (reconciliation after a crash); null if the broker never got it. */
  findOrder(ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null>;
  /**
   * Closes (part of) the position in a symbol. qty undefined = all. `position` is our
   * record of it: brokers that keep their own book ignore it; the paper broker (whose
   * book is our database) needs it to know which side to close at. `clientOrderId` is our
   * exit order's id, for brokers that can tag a close (the EA bridge) so the reconciler
   * can find it after a lost answer.
   */
  closePosition(ref: AccountRef, instrument: Instrument, qty?: number, position?: PositionHint, opts?: { clientOrderId?: string }): Promise<CloseResult>;
  /** Flattens every position of the account. */
  closeAll(ref: AccountRef): Promise<{ closed: number; errors: string[] }>;
  /** Cancels working orders (of one symbol, or all). Returns how many. */
  cancelOrders(ref: AccountRef, instrument?: Instrument): Promise<number>;
  positions(ref: AccountRef): Promise<BrokerPosition[]>;
  orders(ref: AccountRef): Promise<BrokerOrder[]>;
  accountState(ref: AccountRef): Promise<AccountState>;
  /** Recent health from call outcomes. */
  health(): BrokerHealth;
}
