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
} from "@/brokers/types";
import { createBrokerContext, type AdapterDeps, type BrokerContext } from "@/brokers/shared/broker-context";
import { asArray, asRecord, num, str } from "@/brokers/shared/json";
import { parseRateSpec } from "@/brokers/shared/rate-limiter";
import { unknownOutcome } from "@/brokers/shared/unknown-outcome";
import { PROJECTX, ProjectXClient, type PxAccount, type PxCaller } from "./client";
import { closeOrderFill, type PxClose } from "./close-fill";
import { contractToInstrument, pickContract, readContracts, rootForContractId, searchTextFor } from "./contracts";
import { projectXCredentialFields } from "./credentials";
import { projectXOrderBody } from "./order-body";
import { pxOrderResult, pxOrderToBrokerOrder, pxPositionToBrokerPosition } from "./rows";
import { positionSideFromPx, PX_SIDE } from "./enums";

type Ctx = { c: PxCaller; account: PxAccount };

// How far back findOrder looks for our customTag (the reconciler runs within hours of a crash).
const FIND_LOOKBACK_MS = 3 * 24 * 60 * 60_000;
const INSTRUMENT_TTL_MS = 60 * 60_000;
// The close's order is searched from a minute before we sent it: Order/search filters on the
// broker's clock, and the newest matching order is taken, so a wider window only absorbs skew.
const CLOSE_SEARCH_SKEW_MS = 60_000;

/**
 * Topstep through the ProjectX Gateway API. Our order id is the `customTag` (unique per
 * account, docs); SL/TP are native brackets in ticks; errors arrive as HTTP 200 with
 * `success: false` and an errorCode. Topstep's terms reportedly forbid automation from a
 * remote server (unconfirmed): users must check their prop firm's rules.
 */
export class ProjectXAdapter implements BrokerAdapter {
  readonly id = "topstep" as const;
  readonly credentialFields = projectXCredentialFields;
  private readonly ctx: BrokerContext;
  private readonly client: ProjectXClient;
  private readonly instruments = new Map<string, { at: number; value: Instrument }>();

  constructor(deps: AdapterDeps = {}) {
    // Gateway docs, "Rate Limits": 200 requests / 60 s for all endpoints but history.
    this.ctx = createBrokerContext(PROJECTX, "broker_projectx", parseRateSpec(process.env.PROJECTX_RATE_LIMIT, { points: 200, seconds: 60 }), deps);
    this.client = new ProjectXClient(this.ctx);
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
    // Account/search gives a balance only; the Gateway REST API has no equity figure, and
    // Topstep accounts are USD.
    const infos = all
      .filter((a) => a.canTrade || a.id === chosen.id)
      .map((a) => ({ externalAccountId: String(a.id), name: a.name, balance: a.balance, equity: a.balance, currency: "USD" }));
    return { account: infos.find((a) => a.externalAccountId === String(chosen.id))!, accounts: infos };
  }

  async instrument(ref: AccountRef, ticker: string): Promise<Instrument> {
    const x = await this.open(ref);
    const now = new Date(this.ctx.clock.now());
    const cacheKey = `${x.c.baseUrl}:${ticker.toUpperCase()}`;
    const hit = this.instruments.get(cacheKey);
    if (hit && now.getTime() - hit.at < INSTRUMENT_TTL_MS) return hit.value;
    const { searchText } = searchTextFor(ticker, now);
    // `live: false` searches with the sim data subscription, which evaluation accounts use.
    const body = await this.client.data(x.c, "/api/Contract/search", { searchText, live: process.env.PROJECTX_CONTRACT_SEARCH_LIVE === "true" });
    const contract = pickContract(ticker, readContracts(body), now);
    if (!contract) throw new BrokerError(`Topstep (ProjectX) has no contract matching ${ticker}.`, "rejected");
    const value = contractToInstrument(contract);
    this.instruments.set(cacheKey, { at: now.getTime(), value });
    return value;
  }

  /** Orders created since `fromMs` (Order/search filters on the broker's creationTimestamp). */
  private async searchOrders(x: Ctx, fromMs: number): Promise<unknown[]> {
    const body = await this.client.data(x.c, "/api/Order/search", { accountId: x.account.id, startTimestamp: new Date(fromMs).toISOString() });
    return asArray(body.orders);
  }

  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const x = await this.open(ref);
    const body = projectXOrderBody(order, x.account.id);
    if ("refused" in body) return { status: "rejected", reason: `Order not sent: ${body.refused}.` };
    let result;
    try {
      result = await this.client.call(x.c, "/api/Order/place", body, false);
    } catch (err) {
      const pending = unknownOutcome(err, PROJECTX);
      if (pending) return pending;
      throw err;
    }
    if (!result.ok) return { status: "rejected", reason: result.reason, brokerCode: result.code };
    const orderId = str(result.body.orderId);
    if (!orderId) return { status: "pending", reason: "Topstep (ProjectX) accepted the order without returning its id; it will be reconciled." };
    const placed = await this.searchOrders(x, this.ctx.clock.now() - 60 * 60_000)
      .then((orders) => orders.find((o) => str(asRecord(o).id) === orderId))
      .catch(() => undefined);
    return placed ? { ...pxOrderResult(placed), brokerOrderId: orderId } : { status: "submitted", brokerOrderId: orderId };
  }

  async findOrder(ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null> {
    const x = await this.open(ref);
    const match = (await this.searchOrders(x, this.ctx.clock.now() - FIND_LOOKBACK_MS)).find((o) => str(asRecord(o).customTag) === clientOrderId);
    return match ? pxOrderResult(match) : null;
  }

  private async openPositions(x: Ctx): Promise<unknown[]> {
    return asArray((await this.client.data(x.c, "/api/Position/searchOpen", { accountId: x.account.id })).positions);
  }

  private async openOrders(x: Ctx): Promise<unknown[]> {
    return asArray((await this.client.data(x.c, "/api/Order/searchOpen", { accountId: x.account.id })).orders);
  }

  async positions(ref: AccountRef): Promise<BrokerPosition[]> {
    const x = await this.open(ref);
    return (await this.openPositions(x)).map(pxPositionToBrokerPosition).filter((p) => p.qty > 0);
  }

  async orders(ref: AccountRef): Promise<BrokerOrder[]> {
    const x = await this.open(ref);
    return (await this.openOrders(x)).map(pxOrderToBrokerOrder);
  }

  private heldSize(positions: unknown[], contractId: string): number {
    return positions.filter((p) => str(asRecord(p).contractId) === contractId).reduce((s: number, p) => s + (num(asRecord(p).size) ?? 0), 0);
  }

  /** The side that reduces the contract's position (one net position per contract): sell a long, buy a short. */
  private exitSide(positions: unknown[], contractId: string): number {
    const position = asRecord(positions.find((p) => str(asRecord(p).contractId) === contractId));
    return positionSideFromPx(num(position.type)) === "buy" ? PX_SIDE.sell : PX_SIDE.buy;
  }

  /**
   * The contract our position in the instrument's symbol is held in. Positions are ours per
   * symbol (MNQ), while the instrument names the contract the ticker resolves to now: once the
   * broker's active contract has rolled, a position opened before the roll is held in the
   * previous month and must still be closable. The resolved contract wins when it is held;
   * otherwise the one held month of the same product; several are refused rather than guessed.
   */
  private heldContract(positions: unknown[], instrument: Instrument): string | CloseResult {
    const resolved = String(instrument.meta?.contractId ?? instrument.brokerSymbol);
    const held = [
      ...new Set(
        positions
          .map(asRecord)
          .filter((p) => (num(p.size) ?? 0) > 0)
          .map((p) => str(p.contractId))
          .filter((c): c is string => !!c),
      ),
    ];
    if (held.includes(resolved)) return resolved;
    const sameSymbol = held.filter((c) => rootForContractId(c) === instrument.symbol);
    if (sameSymbol.length === 1) return sameSymbol[0];
    if (sameSymbol.length > 1) {
      return { status: "rejected", reason: `Topstep holds ${instrument.symbol} in several contract months (${sameSymbol.join(", ")}), none of them ${resolved}; close them at the broker.` };
    }
    return { status: "rejected", reason: `No open Topstep position in ${instrument.symbol}.` };
  }

  async closePosition(ref: AccountRef, instrument: Instrument, qty?: number): Promise<CloseResult> {
    const x = await this.open(ref);
    const positions = await this.openPositions(x);
    const contractId = this.heldContract(positions, instrument);
    if (typeof contractId !== "string") return contractId;
    const held = this.heldSize(positions, contractId);
    if (held <= 0) return { status: "rejected", reason: `No open Topstep position in ${instrument.symbol}.` };
    const whole = qty === undefined || qty >= held;
    const close: PxClose = { contractId, side: this.exitSide(positions, contractId), size: whole ? held : qty! };
    const sentAt = this.ctx.clock.now();
    let r;
    try {
      r = whole
        ? await this.client.call(x.c, "/api/Position/closeContract", { accountId: x.account.id, contractId }, false)
        : await this.client.call(x.c, "/api/Position/partialCloseContract", { accountId: x.account.id, contractId, size: qty }, false);
    } catch (err) {
      const pending = unknownOutcome(err, PROJECTX);
      if (pending) return pending;
      throw err;
    }
    if (!r.ok) return { status: "rejected", reason: r.reason, brokerCode: r.code };
    return this.closeOutcome(x, close, held, sentAt);
  }

  /**
   * What a sent close did, read back: its order in Order/search gives the fill price; without
   * it (not listed yet, read failed) the drop in the position shows how much closed, with no
   * price. Reads only, so a failure never fails the close.
   */
  private async closeOutcome(x: Ctx, close: PxClose, held: number, sentAt: number): Promise<CloseResult> {
    const fill = await this.searchOrders(x, sentAt - CLOSE_SEARCH_SKEW_MS)
      .then((orders) => closeOrderFill(orders, close))
      .catch(() => undefined);
    if (fill) return { status: "filled", filledQty: fill.filledQty, avgPrice: fill.avgPrice };
    const left = await this.openPositions(x)
      .then((p) => this.heldSize(p, close.contractId))
      .catch(() => null);
    if (left !== null && held - left >= close.size) return { status: "filled", filledQty: close.size };
    return { status: "submitted", filledQty: left === null ? undefined : held - left };
  }

  async closeAll(ref: AccountRef): Promise<{ closed: number; errors: string[] }> {
    const x = await this.open(ref);
    const contracts = [...new Set((await this.openPositions(x)).map((p) => str(asRecord(p).contractId)).filter((c): c is string => !!c))];
    let closed = 0;
    const errors: string[] = [];
    for (const contractId of contracts) {
      try {
        const r = await this.client.call(x.c, "/api/Position/closeContract", { accountId: x.account.id, contractId }, false);
        if (r.ok) closed++;
        else errors.push(`${contractId}: ${r.reason}`);
      } catch (err) {
        errors.push(`${contractId}: ${(err as Error).message}`);
      }
    }
    return { closed, errors };
  }

  async cancelOrders(ref: AccountRef, instrument?: Instrument): Promise<number> {
    const x = await this.open(ref);
    const [orders, positions] = await Promise.all([this.openOrders(x), this.openPositions(x)]);
    // Bracket legs of open positions are working orders on the opposite side; cancelling
    // pending orders must not strip a position of its stop.
    const protective = new Set(
      positions.map((p) => {
        const r = asRecord(p);
        return `${str(r.contractId)}:${num(r.type) === 2 ? PX_SIDE.buy : PX_SIDE.sell}`;
      }),
    );
    // Orders are ours per symbol, like positions: a resting order in the month before the roll is one of the symbol's.
    const inSymbol = (contractId: string | undefined) =>
      !instrument || contractId === String(instrument.meta?.contractId ?? instrument.brokerSymbol) || (!!contractId && rootForContractId(contractId) === instrument.symbol);
    let cancelled = 0;
    for (const raw of orders) {
      const o = asRecord(raw);
      if (!inSymbol(str(o.contractId))) continue;
      if (protective.has(`${str(o.contractId)}:${num(o.side)}`)) continue;
      const r = await this.client.call(x.c, "/api/Order/cancel", { accountId: x.account.id, orderId: num(o.id) }, false);
      if (r.ok) cancelled++;
    }
    return cancelled;
  }

  async accountState(ref: AccountRef): Promise<AccountState> {
    const c = this.client.caller(ref.credentials, ref);
    const account = await this.client.account(c, true);
    const positions = (await this.openPositions({ c, account })).map(pxPositionToBrokerPosition).filter((p) => p.qty > 0);
    return { balance: account.balance, equity: account.balance, margin: 0, currency: "USD", positions };
  }
}
