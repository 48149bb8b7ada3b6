import {
  BrokerError,
  type AccountMode,
  type AccountRef,
  type AccountState,
  type BrokerAdapter,
  type BrokerHealth,
  type BrokerOrder,
  type BrokerPosition,
  type CloseResult,
  type ConnectResult,
  type Instrument,
  type PlaceOrderRequest,
  type PlaceOrderResult,
  type PositionHint,
} from "@/brokers/types";
import { conversionPair, convertAtMid, withoutAccountValue } from "@/brokers/shared/account-value";
import { createBrokerContext, type AdapterDeps, type BrokerContext } from "@/brokers/shared/broker-context";
import type { HttpRequest } from "@/brokers/shared/http-client";
import { asArray, num, str, type JsonRecord } from "@/brokers/shared/json";
import { parseRateSpec } from "@/brokers/shared/rate-limiter";
import { unknownOutcome } from "@/brokers/shared/unknown-outcome";
import { TradeLockerClient, TRADELOCKER, type TlAccount, type TlCaller } from "./client";
import { closeFill, closeParts, lots, sideOf, type ClosePart } from "./close-fill";
import { columnIds, rowsByColumns, type ColumnListKey } from "./columns";
import { tradeLockerCredentialFields } from "./credentials";
import { quoteCurrencyInName, readInstruments, toInstrument, type TlInstrument } from "./instrument";
import { tradeLockerOrderBody } from "./order-body";
import { firstPlacedRow, orderRowResult, orderRowToBrokerOrder, positionRowToBrokerPosition } from "./rows";
import { strategyIdFor } from "./strategy-id";
import { candidateNames, matchInstrumentName, normalizeName } from "./symbol-match";

const INSTRUMENTS_TTL_MS = 60 * 60_000;
// A conversion rate a minute old moves a size by a fraction of a percent; most alerts then skip the extra call.
const CONVERSION_QUOTE_TTL_MS = 60_000;

type Ctx = { c: TlCaller; account: TlAccount };

/**
 * TradeLocker (public REST API, backend-api). Our order id travels as `strategyId`
 * (shortened, see strategy-id.ts); brackets are native stopLoss/takeProfit on the order;
 * positions, orders and account details are arrays mapped by the /trade/config column lists.
 */
export class TradeLockerAdapter implements BrokerAdapter {
  readonly id = "tradelocker" as const;
  readonly credentialFields = tradeLockerCredentialFields;
  private readonly ctx: BrokerContext;
  private readonly client: TradeLockerClient;

  constructor(deps: AdapterDeps = {}) {
    // TradeLocker publishes per-route limits in /trade/config (values not documented);
    // 20 calls/s per login is the client-side ceiling (TRADELOCKER_RATE_LIMIT="points/seconds").
    this.ctx = createBrokerContext(TRADELOCKER, "broker_tradelocker", parseRateSpec(process.env.TRADELOCKER_RATE_LIMIT, { points: 20, seconds: 1 }), deps);
    this.client = new TradeLockerClient(this.ctx);
  }

  health(): BrokerHealth {
    return this.ctx.health.status();
  }

  private async open(ref: AccountRef): Promise<Ctx> {
    const c = this.client.caller(ref.credentials, ref);
    return { c, account: await this.client.account(c) };
  }

  async connect(credentials: Record<string, string>, mode: AccountMode): Promise<ConnectResult> {
    const c = this.client.caller(credentials, { mode, externalAccountId: null });
    const all = await this.client.accounts(c, true);
    const chosen = await this.client.account(c);
    const infos = all.map((a) => ({ externalAccountId: a.id, name: a.name, balance: a.balance, equity: a.balance, currency: a.currency }));
    const state = await this.details({ c, account: chosen }).catch(() => null);
    const account = { ...infos.find((a) => a.externalAccountId === chosen.id)! };
    if (state) Object.assign(account, { balance: state.balance, equity: state.equity });
    return { account, accounts: infos.map((a) => (a.externalAccountId === account.externalAccountId ? account : a)) };
  }

  private instruments(x: Ctx): Promise<TlInstrument[]> {
    return this.client.cached(`${x.c.key}:${x.account.id}:instruments`, INSTRUMENTS_TTL_MS, async () =>
      readInstruments(await this.client.tradeData(x.c, x.account, { method: "GET", path: `/trade/accounts/${x.account.id}/instruments`, idempotent: true })),
    );
  }

  private async names(x: Ctx): Promise<Map<number, string>> {
    return new Map((await this.instruments(x)).map((i) => [i.tradableInstrumentId, i.name]));
  }

  async instrument(ref: AccountRef, ticker: string): Promise<Instrument> {
    const x = await this.open(ref);
    const listed = await this.instruments(x);
    const match = matchInstrumentName(listed, candidateNames(ticker, new Date(this.ctx.clock.now())));
    if (!match) throw new BrokerError(`TradeLocker has no instrument matching ${ticker} on this account.`, "rejected");
    if (match.tradeRouteId === undefined) throw new BrokerError(`TradeLocker lists ${match.name} without a TRADE route; it cannot be traded.`, "rejected");
    return this.inAccountCurrency(x, listed, match);
  }

  /**
   * The instrument with valuePerPoint in the account's currency. TradeLocker's contract size
   * is money in the QUOTE currency (EURGBP: GBP 100,000 per 1.0 move); it is converted at
   * TradeLocker's own current mid of the pair joining the two currencies (× GBPUSD, ÷ USDJPY
   * on a USD account). Without that price the instrument keeps the unconverted value (a
   * close, a fixed quantity still work) but is marked: sizing refuses the quantity modes
   * that depend on it. When the quote
   * currency cannot be known (an index whose details do not say), the value stays as the
   * broker states it.
   */
  private async inAccountCurrency(x: Ctx, listed: TlInstrument[], match: TlInstrument): Promise<Instrument> {
    const instrument = toInstrument(match);
    const account = x.account.currency.trim().toUpperCase();
    const quote = quoteCurrencyInName(match) ?? (await this.quotingCurrency(x, match));
    if (!quote || quote === account) return instrument;
    const refuse = (why: string) =>
      withoutAccountValue(instrument, `${instrument.symbol} is quoted in ${quote} and this account is in ${account}, and ${why}`);
    const byName = new Map(listed.map((i) => [normalizeName(i.name), i]));
    const via = conversionPair(quote, account, (pair) => byName.has(pair));
    if (!via) return refuse(`TradeLocker lists neither ${quote}${account} nor ${account}${quote} on this account to convert with`);
    let mid: number;
    try {
      mid = await this.mid(x, byName.get(via.pair)!);
    } catch (err) {
      return refuse(`TradeLocker gave no current ${via.pair} price (${(err as Error).message})`);
    }
    const value = convertAtMid(instrument.valuePerPoint, via, mid);
    return value === undefined ? refuse(`TradeLocker's ${via.pair} price ${mid} is not usable`) : { ...instrument, valuePerPoint: value };
  }

  /** Current mid of an instrument: GET /trade/quotes on its INFO route → {bp, ap}. Cached a minute. */
  private mid(x: Ctx, inst: TlInstrument): Promise<number> {
    return this.client.cached(`${x.c.key}:${x.account.id}:mid:${inst.tradableInstrumentId}`, CONVERSION_QUOTE_TTL_MS, async () => {
      const d = await this.client.tradeData(x.c, x.account, {
        method: "GET",
        path: "/trade/quotes",
        query: { routeId: inst.infoRouteId ?? inst.tradeRouteId, tradableInstrumentId: inst.tradableInstrumentId },
        idempotent: true,
      });
      const bid = num(d.bp);
      const ask = num(d.ap);
      if (bid === undefined || ask === undefined || !(bid > 0) || !(ask >= bid)) throw new Error("the quote had no bid and ask");
      return (bid + ask) / 2;
    });
  }

  /**
   * The quote currency from the instrument details (GET /trade/instruments/{id}: "quoting
   * currency"; the field name `quotingCurrency` is unconfirmed), cached an hour; undefined
   * when they cannot be read.
   */
  private quotingCurrency(x: Ctx, inst: TlInstrument): Promise<string | undefined> {
    return this.client
      .cached(`${x.c.key}:${x.account.id}:quoting:${inst.tradableInstrumentId}`, INSTRUMENTS_TTL_MS, async () => {
        const d = await this.client.tradeData(x.c, x.account, {
          method: "GET",
          path: `/trade/instruments/${inst.tradableInstrumentId}`,
          query: { routeId: inst.infoRouteId },
          idempotent: true,
        });
        return (str(d.quotingCurrency) ?? str(d.quoteCurrency))?.trim().toUpperCase();
      })
      .catch(() => undefined);
  }

  private async rows(x: Ctx, path: string, dataKey: string, columns: ColumnListKey, query?: HttpRequest["query"]): Promise<JsonRecord[]> {
    const [config, data] = await Promise.all([
      this.client.config(x.c, x.account),
      this.client.tradeData(x.c, x.account, { method: "GET", path: `/trade/accounts/${x.account.id}/${path}`, query, idempotent: true }),
    ]);
    return rowsByColumns(data[dataKey], columnIds(config, columns));
  }

  private openOrderRows(x: Ctx) {
    return this.rows(x, "orders", "orders", "ordersConfig");
  }

  /** Finished orders; `tradableInstrumentId` narrows them to one instrument (query filter of GET …/ordersHistory in TradeLocker's client). */
  private historyRows(x: Ctx, instrumentId?: number) {
    return this.rows(x, "ordersHistory", "ordersHistory", "ordersHistoryConfig", instrumentId === undefined ? undefined : { tradableInstrumentId: instrumentId });
  }

  private positionRows(x: Ctx) {
    return this.rows(x, "positions", "positions", "positionsConfig");
  }

  /** The state of one order by its id: among the working orders, then the history (both idempotent reads). */
  private async orderById(x: Ctx, orderId: string): Promise<PlaceOrderResult | null> {
    const byId = (row: JsonRecord) => str(row.id) === orderId;
    const row = (await this.openOrderRows(x)).find(byId) ?? (await this.historyRows(x)).find(byId);
    return row ? orderRowResult(row) : null;
  }

  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    let body;
    try {
      body = tradeLockerOrderBody(order);
    } catch (err) {
      return { status: "rejected", reason: `Order not sent: ${(err as Error).message}.` };
    }
    const x = await this.open(ref);
    let result;
    try {
      result = await this.client.trade(x.c, x.account, { method: "POST", path: `/trade/accounts/${x.account.id}/orders`, body, idempotent: false });
    } catch (err) {
      const pending = unknownOutcome(err, TRADELOCKER);
      if (pending) return pending;
      throw err;
    }
    if (!result.ok) return { status: "rejected", reason: result.reason, brokerCode: result.status >= 400 ? String(result.status) : undefined };
    const orderId = str(result.data.orderId);
    if (!orderId) return { status: "pending", reason: "TradeLocker accepted the order without returning its id; it will be reconciled." };
    // The order answer carries only the id; its fill state is one read away (skipped if that read fails).
    const state = await this.orderById(x, orderId).catch(() => null);
    return state ? { ...state, brokerOrderId: orderId } : { status: "submitted", brokerOrderId: orderId };
  }

  async findOrder(ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null> {
    const x = await this.open(ref);
    const strategyId = strategyIdFor(clientOrderId);
    const ours = (row: JsonRecord) => str(row.strategyId) === strategyId;
    // Not the first match in the working orders: once the entry filled, its stop loss and
    // take profit work there under the same strategyId while the entry sits in the history.
    const open = (await this.openOrderRows(x)).filter(ours);
    const done = (await this.historyRows(x)).filter(ours);
    const entry = firstPlacedRow([...open, ...done]);
    if (entry) return orderRowResult(entry);
    // A filled market order may only survive as a position carrying the strategy id.
    const position = (await this.positionRows(x)).find((row) => str(row.strategyId) === strategyId);
    return position ? { status: "filled", filledQty: num(position.qty), avgPrice: num(position.avgPrice) } : null;
  }

  async positions(ref: AccountRef): Promise<BrokerPosition[]> {
    const x = await this.open(ref);
    const [rows, names] = await Promise.all([this.positionRows(x), this.names(x)]);
    return rows.map((r) => positionRowToBrokerPosition(r, names));
  }

  async orders(ref: AccountRef): Promise<BrokerOrder[]> {
    const x = await this.open(ref);
    const [rows, names] = await Promise.all([this.openOrderRows(x), this.names(x)]);
    return rows.map((r) => orderRowToBrokerOrder(r, names));
  }

  /**
   * Closes `qty` (all when undefined) of the instrument's positions — only those on the side
   * of `position` when given: a hedging account may also hold the other side (opened
   * elsewhere), which closing ours must not touch.
   */
  async closePosition(ref: AccountRef, instrument: Instrument, qty?: number, position?: PositionHint): Promise<CloseResult> {
    const x = await this.open(ref);
    const instrumentId = Number(instrument.meta?.tradableInstrumentId);
    const inInstrument = (await this.positionRows(x)).filter((r) => num(r.tradableInstrumentId) === instrumentId);
    const held = position ? inInstrument.filter((r) => sideOf(r) === position.side) : inInstrument;
    const total = held.reduce((sum, r) => sum + (num(r.qty) ?? 0), 0);
    if (!held.length) return { status: "rejected", reason: `No open TradeLocker ${position ? `${position.side} ` : ""}position in ${instrument.symbol}.` };
    const whole = qty === undefined || qty >= total;
    const parts = closeParts(held, whole ? undefined : qty);
    // The instrument-wide close takes every side: with the other side held too, one by one.
    if (!whole || held.length < inInstrument.length) return this.closeEach(x, instrumentId, parts, total);
    try {
      const refused = await this.closeInstrument(x, instrumentId);
      if (refused) return refused;
    } catch (err) {
      const pending = unknownOutcome(err, TRADELOCKER);
      if (pending) return pending;
      throw err;
    }
    return this.closeOutcome(x, instrumentId, parts, total);
  }

  /** DELETE /trade/accounts/{id}/positions?tradableInstrumentId= closes every position in the instrument. */
  private async closeInstrument(x: Ctx, instrumentId: number): Promise<CloseResult | null> {
    const r = await this.client.trade(x.c, x.account, {
      method: "DELETE",
      path: `/trade/accounts/${x.account.id}/positions`,
      query: { tradableInstrumentId: instrumentId },
      idempotent: false,
    });
    return r.ok ? null : { status: "rejected", reason: r.reason };
  }

  /**
   * Partial: DELETE /trade/positions/{positionId} {qty} per position part, stopping at the
   * first that fails. Parts already closed stay closed, so a later refusal (or a refused
   * session, a rate limit) is reported as a close of what did close, never as a rejection.
   */
  private async closeEach(x: Ctx, instrumentId: number, parts: ClosePart[], total: number): Promise<CloseResult> {
    const closed: ClosePart[] = [];
    let why: string | undefined;
    for (const part of parts) {
      try {
        const r = await this.client.trade(x.c, x.account, { method: "DELETE", path: `/trade/positions/${part.positionId}`, body: { qty: part.qty }, idempotent: false });
        if (!r.ok) {
          why = r.reason;
          break;
        }
      } catch (err) {
        // A timeout leaves this part unknown: the reconciler measures the positions instead.
        const pending = unknownOutcome(err, TRADELOCKER);
        if (pending) return pending;
        if (!closed.length) throw err;
        why = (err as Error).message;
        break;
      }
      closed.push(part);
    }
    if (why === undefined) return this.closeOutcome(x, instrumentId, parts, total);
    if (!closed.length) return { status: "rejected", reason: why };
    const done = await this.closeOutcome(x, instrumentId, closed, total);
    const closedQty = lots(closed.reduce((s, p) => s + p.qty, 0));
    const wanted = lots(parts.reduce((s, p) => s + p.qty, 0));
    return { status: "cancelled", filledQty: closedQty, avgPrice: done.avgPrice, reason: `TradeLocker closed ${closedQty} of ${wanted} lots; the rest stays open: ${why}` };
  }

  /**
   * What a sent close did, read back: the close orders in the instrument's order history give
   * the fill price; without them (history not updated yet, read failed) the drop in the
   * positions shows how much closed, with no price. Reads only, so a failure never fails the close.
   */
  private async closeOutcome(x: Ctx, instrumentId: number, parts: ClosePart[], total: number): Promise<CloseResult> {
    const wanted = lots(parts.reduce((s, p) => s + p.qty, 0));
    const fill = await this.historyRows(x, instrumentId)
      .then((rows) => closeFill(rows, parts))
      .catch(() => undefined);
    if (fill) return { status: "filled", filledQty: wanted, avgPrice: fill.avgPrice };
    const left = await this.positionRows(x)
      .then((rows) => rows.filter((r) => num(r.tradableInstrumentId) === instrumentId).reduce((s, r) => s + (num(r.qty) ?? 0), 0))
      .catch(() => null);
    if (left !== null && total - left >= wanted - 1e-9) return { status: "filled", filledQty: wanted };
    return { status: "submitted", filledQty: left === null ? undefined : Math.max(0, total - left) };
  }

  async closeAll(ref: AccountRef): Promise<{ closed: number; errors: string[] }> {
    const x = await this.open(ref);
    const before = (await this.positionRows(x)).length;
    if (before === 0) return { closed: 0, errors: [] };
    const r = await this.client.trade(x.c, x.account, { method: "DELETE", path: `/trade/accounts/${x.account.id}/positions`, idempotent: false });
    if (!r.ok) return { closed: 0, errors: [r.reason] };
    const after = await this.positionRows(x).then((rows) => rows.length).catch(() => 0);
    return { closed: before - after, errors: after > 0 ? [`${after} TradeLocker position(s) still open after the close request.`] : [] };
  }

  async cancelOrders(ref: AccountRef, instrument?: Instrument): Promise<number> {
    const x = await this.open(ref);
    const [orders, positions] = await Promise.all([this.openOrderRows(x), this.positionRows(x)]);
    // Stop-loss/take-profit orders of open positions are working orders too; cancelling
    // pending orders must leave a position's protection in place.
    const protective = new Set(positions.flatMap((p) => [str(p.stopLossId), str(p.takeProfitId)]).filter((id): id is string => !!id && id !== "0"));
    const instrumentId = instrument ? Number(instrument.meta?.tradableInstrumentId) : undefined;
    const targets = orders.filter(
      (o) =>
        !protective.has(str(o.id) ?? "") &&
        !(num(o.positionId) ?? 0) &&
        (instrumentId === undefined || num(o.tradableInstrumentId) === instrumentId),
    );
    let cancelled = 0;
    for (const o of targets) {
      const r = await this.client.trade(x.c, x.account, { method: "DELETE", path: `/trade/orders/${str(o.id)}`, idempotent: false });
      if (r.ok) cancelled++;
    }
    return cancelled;
  }

  private async details(x: Ctx): Promise<{ balance: number; equity: number; margin: number }> {
    const [config, data] = await Promise.all([
      this.client.config(x.c, x.account),
      this.client.tradeData(x.c, x.account, { method: "GET", path: `/trade/accounts/${x.account.id}/state`, idempotent: true }),
    ]);
    const values = asArray(data.accountDetailsData);
    const columns = columnIds(config, "accountDetailsConfig");
    const row: JsonRecord = {};
    columns.forEach((name, i) => (row[name] = values[i]));
    const balance = num(row.balance) ?? x.account.balance;
    // projectedBalance is balance plus open P&L (TradeLocker's equity); else add openNetPnL ourselves.
    const equity = num(row.projectedBalance) ?? balance + (num(row.openNetPnL) ?? 0);
    return { balance, equity, margin: num(row.initialMarginReq) ?? num(row.maintMarginReq) ?? 0 };
  }

  async accountState(ref: AccountRef): Promise<AccountState> {
    const x = await this.open(ref);
    const [d, positions] = await Promise.all([this.details(x), this.positions(ref)]);
    return { ...d, currency: x.account.currency, positions };
  }
}
