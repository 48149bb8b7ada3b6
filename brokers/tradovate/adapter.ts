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
import { createBrokerContext, type AdapterDeps, type BrokerContext } from "@/brokers/shared/broker-context";
import { asRecord, num, str } from "@/brokers/shared/json";
import { parseRateSpec } from "@/brokers/shared/rate-limiter";
import { unknownOutcome } from "@/brokers/shared/unknown-outcome";
import { TradovateReads, type TvCtx } from "./account-reads";
import { TRADOVATE, TradovateClient, type TvRequest } from "./client";
import { rootForContractName, tradovateContractName, tradovateInstrument } from "./contracts";
import { tradovateCredentialFields } from "./credentials";
import { tradovateOrderBody } from "./order-body";
import { readOrderResult as readResult } from "./order-result";

const INSTRUMENT_TTL_MS = 60 * 60_000;
// A contract this close to its expiry is no longer the front: Tradovate accepts only closing
// orders then (failureReason LiquidationOnlyBeforeExpiration) and the volume has moved on.
const EXPIRY_MARGIN_MS = 3 * 24 * 60 * 60_000;

/**
 * Tradovate REST API. Our order id is `clOrdId`; SL/TP go native through placeOSO
 * (bracket1/bracket2, linked as OCO); refusals come as HTTP 200 with failureReason/failureText;
 * penalty tickets and captcha demands are honoured for the whole deployment.
 */
export class TradovateAdapter implements BrokerAdapter {
  readonly id = "tradovate" as const;
  readonly credentialFields = tradovateCredentialFields;
  private readonly ctx: BrokerContext;
  private readonly client: TradovateClient;
  private readonly reads: TradovateReads;
  private readonly instruments = new Map<string, { at: number; value: Instrument }>();

  constructor(deps: AdapterDeps = {}) {
    // brokers.md: about 1000/s, 5000/min, 5000/h — the hourly figure binds; shared by the
    // whole deployment. A 429 without Retry-After means "wait an hour" (partner docs).
    const pause = Number(process.env.TRADOVATE_429_PAUSE_MS);
    this.ctx = createBrokerContext(TRADOVATE, "broker_tradovate", parseRateSpec(process.env.TRADOVATE_RATE_LIMIT, { points: 5000, seconds: 3600 }), deps, {
      defaultRetryAfterMs: Number.isFinite(pause) && pause > 0 ? pause : 60 * 60_000,
    });
    this.client = new TradovateClient(this.ctx);
    this.reads = new TradovateReads(this.client);
  }

  /** Degraded, at least, while a deployment-wide penalty (ticket, captcha, 429 pause) is running. */
  health(): BrokerHealth {
    const h = this.ctx.health.status();
    return h === "operational" && this.ctx.limiter.knownPenalty() ? "degraded" : h;
  }

  private async open(ref: AccountRef): Promise<TvCtx> {
    const c = this.client.caller(ref.credentials, ref);
    return { c, account: await this.client.account(c) };
  }

  async connect(credentials: Record<string, string>, mode: AccountMode): Promise<ConnectResult> {
    const c = this.client.caller(credentials, { mode, externalAccountId: null });
    const all = await this.client.accounts(c, true);
    const chosen = await this.client.account(c);
    const infos = await Promise.all(
      all.map(async (account) => {
        // The cash snapshot is a second call per account; a failure leaves zeros rather than failing the connect.
        const cash = await this.reads.cash({ c, account }).catch(() => ({ balance: 0, equity: 0 }));
        return { externalAccountId: String(account.id), name: account.name, balance: cash.balance, equity: cash.equity, currency: "USD" };
      }),
    );
    return { account: infos.find((a) => a.externalAccountId === String(chosen.id))!, accounts: infos };
  }

  async instrument(ref: AccountRef, ticker: string): Promise<Instrument> {
    const x = await this.open(ref);
    const now = this.ctx.clock.now();
    const { root, name, next } = tradovateContractName(ticker, new Date(now));
    // A continuous ticker may resolve past its computed month; a dated one never does.
    const cacheKey = `${x.c.baseUrl}:${name}:${next ? "front" : "dated"}`;
    const hit = this.instruments.get(cacheKey);
    if (hit && now - hit.at < INSTRUMENT_TTL_MS) return hit.value;
    let contract = asRecord(await this.client.read(x.c, "/contract/find", { name }, true));
    if (next && (await this.expiring(x, contract, now))) {
      // The computed front month has expired (or is about to) at Tradovate: the next one is the front.
      const following = asRecord(await this.client.read(x.c, "/contract/find", { name: next }, true));
      if (num(following.id) !== undefined) contract = following;
    }
    const id = num(contract.id);
    if (id === undefined) throw new BrokerError(`Tradovate has no contract ${name} (from ${ticker}).`, "rejected");
    const product = asRecord(await this.client.read(x.c, "/product/find", { name: root }, true).catch(() => null));
    const tickSize = num(product.tickSize);
    const valuePerPoint = num(product.valuePerPoint);
    const value = tradovateInstrument(root, { id, name: str(contract.name) ?? name }, tickSize && valuePerPoint ? { tickSize, valuePerPoint } : null);
    this.reads.rememberContract(id, value.brokerSymbol);
    this.instruments.set(cacheKey, { at: now, value });
    return value;
  }

  /**
   * Whether a contract is missing, expired or within EXPIRY_MARGIN_MS of its expiry, from its
   * ContractMaturity (`expirationDate`). A maturity Tradovate does not report leaves the
   * contract as it is.
   */
  private async expiring(x: TvCtx, contract: Record<string, unknown>, now: number): Promise<boolean> {
    if (num(contract.id) === undefined) return true;
    const maturityId = num(contract.contractMaturityId);
    if (maturityId === undefined) return false;
    const maturity = asRecord(await this.client.read(x.c, "/contractMaturity/item", { id: maturityId }, true).catch(() => null));
    const expiresAt = Date.parse(str(maturity.expirationDate) ?? "");
    return Number.isFinite(expiresAt) && expiresAt - EXPIRY_MARGIN_MS <= now;
  }

  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const x = await this.open(ref);
    const { path, body } = tradovateOrderBody(order, x.account);
    let res;
    try {
      res = await this.client.send(x.c, { method: "POST", path, body, idempotent: false });
    } catch (err) {
      const pending = unknownOutcome(err, TRADOVATE);
      if (pending) return pending;
      throw err;
    }
    if (res.status >= 400) return { status: "rejected", reason: `Tradovate refused the order (HTTP ${res.status}).`, brokerCode: String(res.status) };
    const result = readResult(res.body, "orderId");
    if (!result.ok) return { status: "rejected", reason: result.reason, brokerCode: result.code };
    if (!result.id) return { status: "pending", reason: "Tradovate accepted the order without returning its id; it will be reconciled." };
    const state = await this.reads.orderState(x, result.id).catch(() => null);
    return state ?? { status: "submitted", brokerOrderId: result.id };
  }

  async findOrder(ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null> {
    const x = await this.open(ref);
    const orderId = await this.reads.orderIdForClientId(x, clientOrderId);
    if (!orderId) return null;
    return (await this.reads.orderState(x, orderId)) ?? { status: "submitted", brokerOrderId: orderId };
  }

  async positions(ref: AccountRef): Promise<BrokerPosition[]> {
    return this.reads.positions(await this.open(ref));
  }

  async orders(ref: AccountRef): Promise<BrokerOrder[]> {
    return this.reads.orders(await this.open(ref));
  }

  /**
   * The position our position in the instrument's symbol is held in. Positions are ours per
   * symbol (MNQ), while the instrument names the contract the ticker resolves to now: after
   * the roll, a position opened before it is held in the previous month and must still be
   * closable. The resolved contract wins when it is held; otherwise the one held month of the
   * same product; several are refused rather than guessed.
   */
  private async heldPosition(x: TvCtx, instrument: Instrument): Promise<{ contractId: number; contractName: string; netPos: number } | CloseResult> {
    const resolved = Number(instrument.meta?.contractId);
    const open = await this.reads.rawPositions(x);
    const exact = open.find((p) => num(p.contractId) === resolved);
    if (exact) return { contractId: resolved, contractName: String(instrument.meta?.contractName ?? instrument.brokerSymbol), netPos: num(exact.netPos) ?? 0 };
    const named = await Promise.all(
      open.map(async (p) => {
        const contractId = num(p.contractId) ?? 0;
        return { contractId, contractName: await this.reads.contractName(x, contractId), netPos: num(p.netPos) ?? 0 };
      }),
    );
    const sameSymbol = named.filter((p) => rootForContractName(p.contractName) === instrument.symbol);
    if (sameSymbol.length === 1) return sameSymbol[0];
    if (sameSymbol.length > 1) {
      return {
        status: "rejected",
        reason: `Tradovate holds ${instrument.symbol} in several contract months (${sameSymbol.map((p) => p.contractName).join(", ")}), none of them ${instrument.brokerSymbol}; close them at the broker.`,
      };
    }
    return { status: "rejected", reason: `No open Tradovate position in ${instrument.symbol}.` };
  }

  async closePosition(ref: AccountRef, instrument: Instrument, qty?: number, _position?: PositionHint, opts?: { clientOrderId?: string }): Promise<CloseResult> {
    const x = await this.open(ref);
    const position = await this.heldPosition(x, instrument);
    if ("status" in position) return position;
    const { contractId, contractName, netPos } = position;
    if (netPos === 0) return { status: "rejected", reason: `No open Tradovate position in ${instrument.symbol}.` };
    const held = Math.abs(netPos);
    const whole = qty === undefined || qty >= held;
    let res;
    try {
      res = await this.client.send(x.c, whole ? liquidation(x, contractId) : reduction(x, contractName, netPos, qty!, opts?.clientOrderId));
    } catch (err) {
      const pending = unknownOutcome(err, TRADOVATE);
      if (pending) return pending;
      throw err;
    }
    const result = readResult(res.body, "orderId");
    if (res.status >= 400) return { status: "rejected", reason: `Tradovate refused the close (HTTP ${res.status}).`, brokerCode: String(res.status) };
    if (!result.ok) return { status: "rejected", reason: result.reason, brokerCode: result.code };
    return this.closeOutcome(x, contractId, result.id, held, whole ? held : qty!);
  }

  /**
   * What a sent close did, read back: liquidateposition and placeorder both answer the
   * orderId, whose fills (/fill/deps) give quantity and price. Short of the whole close (fills
   * not in yet, read failed) the drop in the position shows how much closed, with no price.
   * Reads only, so a failure never fails the close.
   */
  private async closeOutcome(x: TvCtx, contractId: number, orderId: string | undefined, held: number, wanted: number): Promise<CloseResult> {
    const fills = orderId ? await this.reads.orderFills(x, orderId).catch(() => undefined) : undefined;
    if (fills?.avgPrice !== undefined && fills.filledQty >= wanted) return { status: "filled", brokerOrderId: orderId, filledQty: fills.filledQty, avgPrice: fills.avgPrice };
    const left = await this.reads
      .rawPositions(x)
      .then((ps) => Math.abs(num(ps.find((p) => num(p.contractId) === contractId)?.netPos) ?? 0))
      .catch(() => null);
    if (left !== null && held - left >= wanted) return { status: "filled", brokerOrderId: orderId, filledQty: wanted };
    return { status: "submitted", brokerOrderId: orderId, filledQty: left === null ? undefined : held - left };
  }

  async closeAll(ref: AccountRef): Promise<{ closed: number; errors: string[] }> {
    const x = await this.open(ref);
    let closed = 0;
    const errors: string[] = [];
    for (const p of await this.reads.rawPositions(x)) {
      try {
        const res = await this.client.send(x.c, liquidation(x, num(p.contractId)));
        const result = readResult(res.body, "orderId");
        if (res.status < 400 && result.ok) closed++;
        else errors.push(result.ok ? `HTTP ${res.status}` : result.reason);
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    return { closed, errors };
  }

  async cancelOrders(ref: AccountRef, instrument?: Instrument): Promise<number> {
    const x = await this.open(ref);
    const [orders, positions] = await Promise.all([this.reads.workingOrders(x), this.reads.rawPositions(x)]);
    // Bracket legs of an open position (OSO children, or orders on the side that would
    // reduce it) are its protection; cancelling pending orders leaves them alone.
    const reducing = new Set(positions.map((p) => `${num(p.contractId)}:${(num(p.netPos) ?? 0) > 0 ? "Sell" : "Buy"}`));
    const resolved = instrument ? Number(instrument.meta?.contractId) : undefined;
    // Orders are ours per symbol, like positions: a resting order in the month before the roll is one of the symbol's.
    const inSymbol = async (contractId: number | undefined) =>
      !instrument || contractId === resolved || (contractId !== undefined && rootForContractName(await this.reads.contractName(x, contractId)) === instrument.symbol);
    let cancelled = 0;
    for (const o of orders) {
      if (!(await inSymbol(num(o.contractId)))) continue;
      if (num(o.parentId) !== undefined || reducing.has(`${num(o.contractId)}:${str(o.action)}`)) continue;
      const res = await this.client.send(x.c, { method: "POST", path: "/order/cancelorder", body: { orderId: num(o.id), isAutomated: true }, idempotent: false });
      if (res.status < 400 && readResult(res.body, "commandId").ok) cancelled++;
    }
    return cancelled;
  }

  async accountState(ref: AccountRef): Promise<AccountState> {
    const x = await this.open(ref);
    const [cash, positions] = await Promise.all([this.reads.cash(x), this.positions(ref)]);
    return { ...cash, currency: "USD", positions };
  }
}

/** liquidateposition cancels the contract's working orders and closes the position (answer: PlaceOrderResult with orderId). */
function liquidation(x: TvCtx, contractId: number | undefined): TvRequest {
  return { method: "POST", path: "/order/liquidateposition", body: { accountId: x.account.id, contractId, admin: false, isAutomated: true }, idempotent: false };
}

/**
 * Part of a position: a market order on the reducing side. It carries our exit order's id as
 * `clOrdId`, so a close whose answer was lost is found by findOrder like any order of ours.
 */
function reduction(x: TvCtx, contractName: string, netPos: number, qty: number, clientOrderId?: string): TvRequest {
  return {
    method: "POST",
    path: "/order/placeorder",
    body: {
      accountSpec: x.account.name,
      accountId: x.account.id,
      ...(clientOrderId ? { clOrdId: clientOrderId } : {}),
      action: netPos > 0 ? "Sell" : "Buy",
      symbol: contractName,
      orderQty: qty,
      orderType: "Market",
      isAutomated: true,
    },
    idempotent: false,
  };
}
