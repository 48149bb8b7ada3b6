import { randomUUID } from "node:crypto";
import {
  BrokerError,
  type AccountMode,
  type AccountRef,
  type AccountState,
  type BrokerAccountInfo,
  type BrokerAdapter,
  type BrokerHealth,
  type BrokerOrder,
  type BrokerPosition,
  type CloseResult,
  type ConnectResult,
  type Instrument,
  type PlaceOrderRequest,
  type PlaceOrderResult,
} from "@/brokers/types";
import { findInstrument, toInstrument, UnknownSymbolError, valuePerPointAt, type CatalogInstrument } from "@/lib/market/instruments";
import { defaultFeed, type PriceFeed, type Quote } from "@/lib/market/price-feed";
import { canonicalSymbol } from "@/lib/market/symbols";
import { exitPrice, marketFillPrice } from "./fill-price";
import type { PaperPosition } from "./mark-position";
import { positionPnl } from "./pnl";
import { parseStartingBalance } from "./starting-balance";

/** What closePosition needs to know about the position it closes. */
export type PaperPositionRef = Pick<PaperPosition, "side" | "qty" | "entryPrice">;

/** Wiring of the paper adapter to the paper book in our database. */
export type PaperAdapterOptions = {
  /**
   * Reads the account's open position in a symbol from our database, for callers that
   * close through the generic BrokerAdapter signature without passing the position.
   */
  openPosition?: (ref: AccountRef, symbol: string) => Promise<PaperPositionRef | null>;
};

const rejected = (reason: string, brokerCode: string): PlaceOrderResult => ({ status: "rejected", reason, brokerCode });

/** Why a quantity is not tradable for this instrument, or null when it is. */
function qtyProblem(qty: number, entry: Readonly<CatalogInstrument>): string | null {
  const unit = entry.kind === "fx" || entry.kind === "metal" || entry.kind === "crypto" || entry.kind === "index" ? "lots" : "contracts";
  if (!Number.isFinite(qty) || qty <= 0) return `Quantity must be positive, got ${qty}`;
  if (qty < entry.minQty) return `Quantity ${qty} is below the minimum of ${entry.minQty} ${unit} for ${entry.symbol}`;
  if (qty > entry.maxQty) return `Quantity ${qty} is above the maximum of ${entry.maxQty} ${unit} for ${entry.symbol}`;
  const steps = qty / entry.qtyStep;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return `Quantity ${qty} is not a multiple of ${entry.qtyStep} ${unit} for ${entry.symbol}`;
  return null;
}

/** Why the SL/TP of an order are on the wrong side of `reference`, or null when they are fine. */
function bracketProblem(order: PlaceOrderRequest, reference: number, what: string): string | null {
  const buy = order.side === "buy";
  const { stopLoss: sl, takeProfit: tp } = order;
  if (sl !== undefined && (buy ? sl >= reference : sl <= reference)) return `Stop loss ${sl} must be ${buy ? "below" : "above"} ${what} ${reference} for a ${order.side}`;
  if (tp !== undefined && (buy ? tp <= reference : tp >= reference)) return `Take profit ${tp} must be ${buy ? "above" : "below"} ${what} ${reference} for a ${order.side}`;
  if (order.trailing && !(order.trailing.distance > 0)) return `Trailing distance must be positive, got ${order.trailing.distance}`;
  return null;
}

/**
 * The built-in paper broker. It prices and fills orders from a PriceFeed and keeps no
 * state of its own: the paper book (positions, working orders, balance, equity history)
 * lives in our database, and the tick loop moves it with the pure functions of this
 * folder (restingOrderFill, markPosition, positionPnl, requiredMargin, equity).
 */
export class PaperAdapter implements BrokerAdapter {
  readonly id = "paper" as const;
  readonly inProcess = true;
  /** Paper needs no credentials; the one optional field sets the starting balance. */
  readonly credentialFields: BrokerAdapter["credentialFields"] = [{ name: "starting_balance", label: "Starting balance (USD)", optional: true }];
  private currentFeed: PriceFeed | undefined;

  /** `feed` defaults to the process-wide defaultFeed(), resolved on first use. */
  constructor(
    feed?: PriceFeed,
    private readonly options: PaperAdapterOptions = {},
  ) {
    this.currentFeed = feed;
  }

  /** The feed this adapter prices from. */
  get feed(): PriceFeed {
    this.currentFeed ??= defaultFeed();
    return this.currentFeed;
  }

  /**
   * One simulated USD account with `credentials.starting_balance` (default 100,000). Demo
   * and live mode behave the same: nothing leaves the process. Throws BrokerError
   * "rejected" for a balance that is not a positive number up to 10,000,000.
   */
  async connect(credentials: Record<string, string>, _mode: AccountMode): Promise<ConnectResult> {
    const balance = parseStartingBalance(credentials.starting_balance);
    // A fresh id per connect: a trader may run several paper accounts side by side.
    const account: BrokerAccountInfo = { externalAccountId: `paper-${randomUUID()}`, name: "Paper account", balance, equity: balance, currency: "USD" };
    return { account, accounts: [account] };
  }

  /** The catalog instrument for a ticker, valued at current prices; BrokerError "rejected" when unknown. */
  async instrument(_ref: AccountRef, ticker: string): Promise<Instrument> {
    const entry = findInstrument(ticker);
    if (!entry) throw new BrokerError(`Unknown symbol ${canonicalSymbol(ticker)} for the paper broker`, "rejected", "unknown_symbol");
    return toInstrument(entry, (symbol) => this.feed.quote(symbol).mid);
  }

  /** The feed's current bid/ask for the instrument. */
  async quote(_ref: AccountRef, instrument: Instrument): Promise<{ bid: number; ask: number }> {
    const q = this.quoteOrNull(instrument.symbol);
    if (!q) throw new BrokerError(`No price for ${instrument.symbol}`, "rejected", "no_price");
    return { bid: q.bid, ask: q.ask };
  }

  /**
   * Market orders fill at once at the quote (buy at ask, sell at bid), whole quantity.
   * Limit and stop orders come back "submitted": they rest in our database and the tick
   * loop fills them with restingOrderFill. brokerOrderId is "paper-" + clientOrderId. The
   * adapter keeps no record of orders, so a repeated call fills again: idempotency is the
   * pipeline's job, as for every broker.
   */
  async placeOrder(_ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const entry = findInstrument(order.instrument.symbol);
    if (!entry) return rejected(`Unknown symbol ${order.instrument.symbol} for the paper broker`, "unknown_symbol");
    const badQty = qtyProblem(order.qty, entry);
    if (badQty) return rejected(badQty, "invalid_qty");
    const brokerOrderId = `paper-${order.clientOrderId}`;
    if (order.type !== "market") {
      if (order.price === undefined || !(order.price > 0)) return rejected(`A ${order.type} order needs a positive price`, "invalid_price");
      const badBracket = bracketProblem(order, order.price, "the order price");
      if (badBracket) return rejected(badBracket, "invalid_stops");
      return { status: "submitted", brokerOrderId, filledQty: 0 };
    }
    const quote = this.quoteOrNull(entry.symbol);
    if (!quote) return rejected(`The paper price feed has no price for ${entry.symbol}`, "no_price");
    // Brackets are checked against the price the position would exit at, as MetaTrader does.
    const badBracket = bracketProblem(order, exitPrice(order.side, quote), order.side === "buy" ? "the bid" : "the ask");
    if (badBracket) return rejected(badBracket, "invalid_stops");
    return { status: "filled", brokerOrderId, filledQty: order.qty, avgPrice: marketFillPrice(order.side, quote) };
  }

  /**
   * Paper orders live only in our own database; there is nothing at a remote broker to
   * find. An order the pipeline recorded as pending but never saw filled (a crash between
   * the two) was therefore never executed: null, "the broker never got it", is the truth.
   */
  async findOrder(_ref: AccountRef, _clientOrderId: string): Promise<PlaceOrderResult | null> {
    return null;
  }

  /**
   * Closes `qty` (default all, capped at the position) at the exit side of the quote — a
   * long sells at the bid, a short buys at the ask — and reports the realised P&L. The
   * position comes from the `position` argument, else from options.openPosition; the
   * adapter has no book of its own. Rejected when there is no open position.
   */
  async closePosition(ref: AccountRef, instrument: Instrument, qty?: number, position?: PaperPositionRef): Promise<CloseResult> {
    const entry = findInstrument(instrument.symbol);
    if (!entry) return rejected(`Unknown symbol ${instrument.symbol} for the paper broker`, "unknown_symbol");
    if (!position && !this.options.openPosition) {
      throw new Error("PaperAdapter.closePosition needs the position (4th argument) or an openPosition lookup in its options");
    }
    const open = position ?? (await this.options.openPosition?.(ref, entry.symbol)) ?? null;
    if (!open || !(open.qty > 0)) return rejected(`No open paper position in ${entry.symbol} to close`, "no_position");
    const closeQty = Math.min(qty ?? open.qty, open.qty);
    const badQty = qtyProblem(closeQty, entry);
    if (badQty) return rejected(badQty, "invalid_qty");
    const quote = this.quoteOrNull(entry.symbol);
    if (!quote) return rejected(`The paper price feed has no price for ${entry.symbol}`, "no_price");
    const price = exitPrice(open.side, quote);
    const vpp = valuePerPointAt(entry, (symbol) => this.feed.quote(symbol).mid);
    return {
      status: "filled",
      brokerOrderId: `paper-close-${randomUUID()}`,
      filledQty: closeQty,
      avgPrice: price,
      realizedPnl: positionPnl(open.side, open.entryPrice, price, closeQty, vpp),
    };
  }

  /** Always { closed: 0 }: the paper book is our database, so flattening is done there, position by position. */
  async closeAll(_ref: AccountRef): Promise<{ closed: number; errors: string[] }> {
    return { closed: 0, errors: [] };
  }

  /** Always 0: working paper orders are rows in our database and are cancelled there. */
  async cancelOrders(_ref: AccountRef, _instrument?: Instrument): Promise<number> {
    return 0;
  }

  /** Always empty: paper positions are rows in our database, not held at a broker. */
  async positions(_ref: AccountRef): Promise<BrokerPosition[]> {
    return [];
  }

  /** Always empty: paper orders are rows in our database, not held at a broker. */
  async orders(_ref: AccountRef): Promise<BrokerOrder[]> {
    return [];
  }

  /**
   * All zeros and no positions: balance, equity and margin of a paper account are computed
   * from our database (equity(), requiredMargin()). Never sync a paper account's stored
   * balance from this.
   */
  async accountState(_ref: AccountRef): Promise<AccountState> {
    return { balance: 0, equity: 0, margin: 0, currency: "USD", positions: [] };
  }

  /** Always "operational": the simulator runs in-process and has no remote to fail. */
  health(): BrokerHealth {
    return "operational";
  }

  private quoteOrNull(symbol: string): Quote | null {
    try {
      return this.feed.quote(symbol);
    } catch (err) {
      if (err instanceof UnknownSymbolError) return null;
      throw err;
    }
  }
}
