/**
 * The in-memory trading book behind the TradeLocker fake: orders, positions (netted per
 * instrument, or one per fill for hedging accounts), SL/TP orders, balance and equity.
 */
import { idSequence, OrderFaults, round } from "./fake-kit";
import { applyFill, type NetPosition } from "./net-position";
import {
  TL_DEFAULT_ACCOUNTS,
  TL_INSTRUMENTS,
  TL_START_PRICES,
  type TlAccount,
  type TlBookOptions,
  type TlInstrument,
  type TlNewOrder,
  type TlOrder,
  type TlPosition,
  type TlSide,
} from "./tradelocker-data";

/** A buy limit / sell stop triggers at or below its level; a sell limit / buy stop at or above. */
function triggered(type: "limit" | "stop", side: TlSide, level: number, price: number): boolean {
  const triggersBelow = (type === "limit" && side === "buy") || (type === "stop" && side === "sell");
  return triggersBelow ? price <= level : price >= level;
}

export type TlProtectionChange = {
  stopLoss?: number;
  stopLossType?: "absolute" | "offset" | "trailingOffset";
  takeProfit?: number;
  takeProfitType?: "absolute" | "offset";
};

type NewOrderFields = Pick<TlOrder, "accountId" | "qty" | "side" | "type" | "validity" | "price" | "stopPrice" | "strategyId" | "role"> &
  Partial<Pick<TlOrder, "positionId" | "stopLoss" | "stopLossType" | "takeProfit" | "takeProfitType">>;

export type TlResult<T> = { ok: true; value: T } | { ok: false; error: string };

export class TradeLockerBook {
  accounts: TlAccount[] = [];
  orders: TlOrder[] = [];
  positions: TlPosition[] = [];
  readonly prices = new Map<string, number>();
  /** Instruments `GET /trade/quotes` has no quote for (a market without prices), until reset. */
  readonly quoteless = new Set<string>();
  readonly faults = new OrderFaults();
  private nextOrderId = idSequence(1);
  private nextPositionId = idSequence(1);

  constructor(private readonly options: TlBookOptions = {}) {
    this.reset();
  }

  reset(): void {
    this.accounts = (this.options.accounts ?? TL_DEFAULT_ACCOUNTS).map((a) => ({ ...a }));
    this.orders = [];
    this.positions = [];
    this.prices.clear();
    this.quoteless.clear();
    for (const [name, price] of Object.entries(TL_START_PRICES)) this.prices.set(name, price);
    this.faults.clear();
    // Large ids like the real ones, so a client that parses them as 32-bit ints fails here too.
    this.nextOrderId = idSequence(7_277_816_997_830_000);
    this.nextPositionId = idSequence(7_277_816_997_900_000);
  }

  instrumentById(id: number): TlInstrument | undefined {
    return TL_INSTRUMENTS.find((i) => i.tradableInstrumentId === id);
  }

  instrumentByName(name: string): TlInstrument | undefined {
    return TL_INSTRUMENTS.find((i) => i.name === name);
  }

  priceOf(instrument: TlInstrument): number {
    return this.prices.get(instrument.name) ?? 0;
  }

  /** Moves the price and fills every resting order or SL/TP the move crosses. */
  setPrice(symbol: string, price: number): void {
    const instrument = this.instrumentByName(symbol);
    if (!instrument) throw new Error(`TradeLocker fake has no instrument ${symbol}`);
    this.prices.set(symbol, price);
    for (const order of this.orders.filter((o) => o.tradableInstrumentId === instrument.tradableInstrumentId)) {
      // An earlier fill in this loop may have cancelled this one (SL filled → TP cancelled).
      if (order.status !== "New" || order.type === "market") continue;
      const level = order.type === "limit" ? order.price : order.stopPrice;
      if (level !== null && triggered(order.type, order.side, level, price)) this.execute(order, instrument, order.qty, price);
    }
  }

  openPositions(accountId: number): TlPosition[] {
    return this.positions.filter((p) => p.accountId === accountId);
  }

  workingOrders(accountId: number): TlOrder[] {
    return this.orders.filter((o) => o.accountId === accountId && o.status === "New");
  }

  historyOrders(accountId: number): TlOrder[] {
    return this.orders.filter((o) => o.accountId === accountId && o.status !== "New");
  }

  /** Bid and ask of `GET /trade/quotes`: five ticks either side of the price; undefined when it has no quote. */
  quoteOf(instrument: TlInstrument): { bid: number; ask: number } | undefined {
    const price = this.priceOf(instrument);
    if (!(price > 0) || this.quoteless.has(instrument.name)) return undefined;
    return { bid: round(price - 5 * instrument.tickSize, 8), ask: round(price + 5 * instrument.tickSize, 8) };
  }

  /**
   * Money in an instrument's quote currency in the account's currency, at the book's own
   * prices (JPY → USD ÷ USDJPY, GBP → USD × GBPUSD), as the broker books P&L.
   */
  inAccountCurrency(amount: number, instrument: TlInstrument, accountId: number): number {
    const to = this.accounts.find((a) => a.id === accountId)?.currency ?? "USD";
    const from = instrument.quoteCurrency;
    if (from === to) return amount;
    const direct = this.prices.get(from + to);
    if (direct) return amount * direct;
    const inverse = this.prices.get(to + from);
    if (inverse) return amount / inverse;
    throw new Error(`TradeLocker fake has no price to turn ${from} into ${to}`);
  }

  unrealized(position: TlPosition): number {
    const instrument = this.instrumentById(position.tradableInstrumentId);
    if (!instrument) return 0;
    const sign = position.side === "buy" ? 1 : -1;
    const inQuote = (this.priceOf(instrument) - position.avgPrice) * position.qty * sign * instrument.lotSize;
    return round(this.inAccountCurrency(inQuote, instrument, position.accountId), 2);
  }

  equity(account: TlAccount): number {
    return round(account.balance + this.openPositions(account.id).reduce((sum, p) => sum + this.unrealized(p), 0), 2);
  }

  /** Places an order; market orders fill at once at the current price (IOC: an unfilled remainder is cancelled). */
  place(input: TlNewOrder): TlResult<TlOrder> {
    const { instrument, ...fields } = input;
    const order = this.newOrder(instrument, {
      ...fields,
      price: input.type === "limit" ? input.price : null,
      stopPrice: input.type === "stop" ? input.stopPrice : null,
      role: "entry",
    });
    const rejection = this.faults.takeReject();
    if (rejection !== undefined) {
      order.status = "Refused";
      return { ok: false, error: rejection };
    }
    if (input.type === "market") {
      const fraction = this.faults.takePartial();
      const qty = fraction === undefined ? input.qty : this.partialQty(input.instrument, input.qty, fraction);
      this.execute(order, input.instrument, qty, this.priceOf(input.instrument));
      // IOC: whatever did not fill at once is cancelled (TradeLocker docs: market orders must be IOC).
      if (qty < input.qty) order.status = "Cancelled";
    }
    return { ok: true, value: order };
  }

  private newOrder(instrument: TlInstrument, fields: NewOrderFields): TlOrder {
    const now = Date.now();
    const order: TlOrder = {
      id: this.nextOrderId(),
      tradableInstrumentId: instrument.tradableInstrumentId,
      routeId: instrument.tradeRouteId,
      status: "New",
      filledQty: 0,
      avgPrice: 0,
      createdDate: now,
      lastModified: now,
      positionId: null,
      stopLoss: null,
      stopLossType: null,
      takeProfit: null,
      takeProfitType: null,
      ...fields,
    };
    this.orders.push(order);
    return order;
  }

  private partialQty(instrument: TlInstrument, qty: number, fraction: number): number {
    const steps = Math.max(1, Math.floor(round((qty * fraction) / instrument.lotStep)));
    return Math.min(qty, round(steps * instrument.lotStep));
  }

  /** Fills `qty` of `order` at `price` into the position book. */
  private execute(order: TlOrder, instrument: TlInstrument, qty: number, price: number): void {
    const account = this.accounts.find((a) => a.id === order.accountId);
    if (!account) return;
    order.filledQty = qty;
    order.avgPrice = price;
    order.status = "Filled";
    order.lastModified = Date.now();
    const signed = order.side === "buy" ? qty : -qty;
    const existing = order.role === "entry" && this.options.hedging ? undefined : this.positionFor(order);
    const current: NetPosition | undefined = existing && { qty: existing.side === "buy" ? existing.qty : -existing.qty, avgPrice: existing.avgPrice };
    const outcome = applyFill(current, signed, price);
    account.balance = round(account.balance + this.inAccountCurrency(outcome.realized * instrument.lotSize, instrument, account.id), 2);
    if (!outcome.position) {
      if (existing) this.removePosition(existing);
      order.positionId = existing?.id ?? null;
      return;
    }
    const position = existing ?? this.newPosition(order, instrument);
    const side = outcome.position.qty > 0 ? "buy" : "sell";
    // A flip makes the old SL/TP meaningless (they would sit on the wrong side).
    if (existing && existing.side !== side) for (const id of [existing.stopLossId, existing.takeProfitId]) this.cancelOrder(id);
    position.qty = Math.abs(outcome.position.qty);
    position.side = side;
    position.avgPrice = outcome.position.avgPrice;
    order.positionId = position.id;
    if (order.role === "entry") this.attachProtection(position, order, instrument, price);
    this.resizeProtection(position);
  }

  private positionFor(order: TlOrder): TlPosition | undefined {
    if (order.positionId !== null) return this.positions.find((p) => p.id === order.positionId);
    return this.positions.find((p) => p.accountId === order.accountId && p.tradableInstrumentId === order.tradableInstrumentId);
  }

  private newPosition(order: TlOrder, instrument: TlInstrument): TlPosition {
    const position: TlPosition = {
      id: this.nextPositionId(),
      accountId: order.accountId,
      tradableInstrumentId: instrument.tradableInstrumentId,
      routeId: instrument.tradeRouteId,
      side: order.side,
      qty: 0,
      avgPrice: 0,
      stopLossId: null,
      takeProfitId: null,
      openDate: Date.now(),
      strategyId: order.strategyId,
    };
    this.positions.push(position);
    return position;
  }

  private removePosition(position: TlPosition): void {
    this.positions = this.positions.filter((p) => p !== position);
    for (const id of [position.stopLossId, position.takeProfitId]) this.cancelOrder(id);
  }

  /** SL/TP from the entry order become stop/limit orders on the position (`stopLossId`/`takeProfitId`). */
  private attachProtection(position: TlPosition, entry: TlOrder, instrument: TlInstrument, fill: number): void {
    const away = position.side === "buy" ? -1 : 1;
    if (entry.stopLoss !== null && entry.stopLossType !== null) {
      const level = entry.stopLossType === "absolute" ? entry.stopLoss : round(fill + away * entry.stopLoss, 8);
      this.cancelOrder(position.stopLossId);
      position.stopLossId = this.protectiveOrder(position, instrument, "sl", level).id;
    }
    if (entry.takeProfit !== null && entry.takeProfitType !== null) {
      const level = entry.takeProfitType === "absolute" ? entry.takeProfit : round(fill - away * entry.takeProfit, 8);
      this.cancelOrder(position.takeProfitId);
      position.takeProfitId = this.protectiveOrder(position, instrument, "tp", level).id;
    }
  }

  private protectiveOrder(position: TlPosition, instrument: TlInstrument, role: "sl" | "tp", level: number): TlOrder {
    return this.newOrder(instrument, {
      accountId: position.accountId,
      qty: position.qty,
      side: position.side === "buy" ? "sell" : "buy",
      type: role === "sl" ? "stop" : "limit",
      validity: "GTC",
      price: role === "tp" ? level : null,
      stopPrice: role === "sl" ? level : null,
      strategyId: position.strategyId,
      role,
      positionId: position.id,
    });
  }

  private resizeProtection(position: TlPosition): void {
    for (const order of this.orders) {
      if (order.positionId === position.id && order.status === "New" && (order.role === "sl" || order.role === "tp")) {
        order.qty = position.qty;
        order.side = position.side === "buy" ? "sell" : "buy";
      }
    }
  }

  cancelOrder(id: number | null): boolean {
    const order = this.orders.find((o) => o.id === id && o.status === "New");
    if (!order) return false;
    order.status = "Cancelled";
    order.lastModified = Date.now();
    const position = this.positions.find((p) => p.stopLossId === order.id || p.takeProfitId === order.id);
    if (position?.stopLossId === order.id) position.stopLossId = null;
    if (position?.takeProfitId === order.id) position.takeProfitId = null;
    return true;
  }

  /** `PATCH /trade/positions/{id}`: sets, moves or (with 0) removes the position's SL/TP. */
  modifyPosition(position: TlPosition, change: TlProtectionChange): TlResult<TlPosition> {
    const instrument = this.instrumentById(position.tradableInstrumentId);
    if (!instrument) return { ok: false, error: "Instrument not found" };
    const away = position.side === "buy" ? -1 : 1;
    if (change.stopLoss !== undefined) {
      this.cancelOrder(position.stopLossId);
      if (change.stopLoss !== 0) {
        const type = change.stopLossType ?? "absolute";
        const level = type === "absolute" ? change.stopLoss : round(this.priceOf(instrument) + away * change.stopLoss, 8);
        position.stopLossId = this.protectiveOrder(position, instrument, "sl", level).id;
      }
    }
    if (change.takeProfit !== undefined) {
      this.cancelOrder(position.takeProfitId);
      if (change.takeProfit !== 0) {
        const type = change.takeProfitType ?? "absolute";
        const level = type === "absolute" ? change.takeProfit : round(this.priceOf(instrument) - away * change.takeProfit, 8);
        position.takeProfitId = this.protectiveOrder(position, instrument, "tp", level).id;
      }
    }
    return { ok: true, value: position };
  }

  /** `PATCH /trade/orders/{id}`: changes quantity or levels of a working order. */
  modifyOrder(order: TlOrder, change: { qty?: number; price?: number; stopPrice?: number }): TlResult<TlOrder> {
    if (order.status !== "New") return { ok: false, error: `Order ${order.id} is not working` };
    if (change.qty !== undefined) order.qty = change.qty;
    if (change.price !== undefined) order.price = change.price;
    if (change.stopPrice !== undefined) order.stopPrice = change.stopPrice;
    order.lastModified = Date.now();
    return { ok: true, value: order };
  }

  /** Closes `qty` of a position with a market order (0 = all of it). */
  closePosition(position: TlPosition, qty: number): TlResult<TlOrder> {
    const instrument = this.instrumentById(position.tradableInstrumentId);
    if (!instrument) return { ok: false, error: "Instrument not found" };
    if (qty > position.qty + 1e-9) return { ok: false, error: `Cannot close ${qty} lots of a ${position.qty} lot position` };
    const order = this.newOrder(instrument, {
      accountId: position.accountId,
      qty: qty === 0 ? position.qty : qty,
      side: position.side === "buy" ? "sell" : "buy",
      type: "market",
      validity: "IOC",
      price: null,
      stopPrice: null,
      strategyId: position.strategyId,
      role: "close",
      positionId: position.id,
    });
    this.execute(order, instrument, order.qty, this.priceOf(instrument));
    return { ok: true, value: order };
  }
}
