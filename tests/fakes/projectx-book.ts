/**
 * The in-memory book behind the ProjectX fake: accounts with balances, the front-month
 * contracts, orders (with native SL/TP brackets placed in ticks), net positions per
 * contract, realised P&L in tick value.
 */
import { idSequence, OrderFaults, round } from "./fake-kit";
import { applyFill } from "./net-position";
import {
  PX_DEFAULT_ACCOUNTS,
  PX_POSITION,
  PX_STATUS,
  pxContracts,
  type PxAccount,
  type PxContract,
  type PxOrder,
  type PxOrderType,
  type PxPosition,
  type PxSide,
} from "./projectx-data";

export type PxNewOrder = {
  account: PxAccount;
  contract: PxContract;
  type: PxOrderType;
  side: PxSide;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  trailPrice: number | null;
  customTag: string | null;
  bracket: PxOrder["bracket"];
};

export type PxResult<T> = { ok: true; value: T } | { ok: false; error: string };

const iso = () => new Date().toISOString();

export class ProjectXBook {
  accounts: PxAccount[] = [];
  contracts: PxContract[] = [];
  orders: PxOrder[] = [];
  positions: PxPosition[] = [];
  readonly prices = new Map<string, number>();
  readonly faults = new OrderFaults();
  private nextOrderId = idSequence(1);
  private nextPositionId = idSequence(1);

  constructor(
    private readonly now: () => Date,
    private readonly seedAccounts: PxAccount[] = PX_DEFAULT_ACCOUNTS,
  ) {
    this.reset();
  }

  reset(): void {
    this.accounts = this.seedAccounts.map((a) => ({ ...a }));
    this.contracts = [];
    this.prices.clear();
    for (const { contract, price } of pxContracts(this.now())) {
      this.contracts.push(contract);
      this.prices.set(contract.id, price);
    }
    this.orders = [];
    this.positions = [];
    this.faults.clear();
    this.nextOrderId = idSequence(36_500);
    this.nextPositionId = idSequence(8_800);
  }

  /** Finds a contract by id, name (MNQZ6), ProjectX symbol (ENQ) or our root (NQ). */
  contract(symbol: string): PxContract | undefined {
    const s = symbol.toUpperCase();
    return this.contracts.find((c) => c.id === symbol || c.name === s || c.root === s || c.symbolId === `F.US.${s}`);
  }

  priceOf(contract: PxContract): number {
    return this.prices.get(contract.id) ?? 0;
  }

  /** Moves the price; working orders the move reaches fill (limits at their price, stops and market remainders at the new price). */
  setPrice(symbol: string, price: number): void {
    const contract = this.contract(symbol);
    if (!contract) throw new Error(`ProjectX fake has no contract ${symbol}`);
    this.prices.set(contract.id, price);
    for (const order of this.orders.filter((o) => o.contractId === contract.id)) {
      if (order.status !== PX_STATUS.Open) continue; // an OCO sibling may have just been cancelled
      const remaining = order.size - order.fillVolume;
      if (this.reached(order, price)) this.fill(order, contract, remaining, order.type === 1 ? (order.limitPrice ?? price) : price);
    }
  }

  private reached(order: PxOrder, price: number): boolean {
    const buy = order.side === 0;
    if (order.type === 2) return true;
    if (order.type === 1 || order.type === 6 || order.type === 7) {
      const level = order.limitPrice ?? price;
      return buy ? price <= level : price >= level;
    }
    const level = order.stopPrice ?? order.trailPrice;
    return level !== null && (buy ? price >= level : price <= level);
  }

  openOrders(accountId: number): PxOrder[] {
    return this.orders.filter((o) => o.accountId === accountId && o.status === PX_STATUS.Open);
  }

  openPositions(accountId: number): PxPosition[] {
    return this.positions.filter((p) => p.accountId === accountId);
  }

  /** Places an order; market orders fill at once (all, or the armed partial fraction — the rest keeps working). */
  place(input: PxNewOrder): PxResult<PxOrder> {
    const order: PxOrder = {
      id: this.nextOrderId(),
      accountId: input.account.id,
      contractId: input.contract.id,
      symbolId: input.contract.symbolId,
      creationTimestamp: iso(),
      updateTimestamp: null,
      status: PX_STATUS.Open,
      type: input.type,
      side: input.side,
      size: input.size,
      limitPrice: input.type === 6 || input.type === 7 ? this.priceOf(input.contract) : input.limitPrice,
      stopPrice: input.stopPrice,
      trailPrice: input.trailPrice,
      fillVolume: 0,
      filledPrice: null,
      customTag: input.customTag,
      parentId: null,
      bracket: input.bracket,
    };
    this.orders.push(order);
    const rejection = this.faults.takeReject();
    if (rejection !== undefined) {
      order.status = PX_STATUS.Rejected;
      return { ok: false, error: rejection };
    }
    if (order.type === 2) {
      const fraction = this.faults.takePartial();
      const size = fraction === undefined ? order.size : Math.max(1, Math.floor(order.size * fraction));
      this.fill(order, input.contract, size, this.priceOf(input.contract));
    }
    return { ok: true, value: order };
  }

  private fill(order: PxOrder, contract: PxContract, size: number, price: number): void {
    const account = this.accounts.find((a) => a.id === order.accountId);
    if (!account || size <= 0) return;
    order.filledPrice = order.fillVolume === 0 ? price : round((order.filledPrice ?? price) * (order.fillVolume / (order.fillVolume + size)) + price * (size / (order.fillVolume + size)));
    order.fillVolume += size;
    order.updateTimestamp = iso();
    if (order.fillVolume >= order.size) order.status = PX_STATUS.Filled;

    const existing = this.positions.find((p) => p.accountId === order.accountId && p.contractId === contract.id);
    const signed = order.side === 0 ? size : -size;
    const current = existing && { qty: existing.type === PX_POSITION.Long ? existing.size : -existing.size, avgPrice: existing.averagePrice };
    const outcome = applyFill(current, signed, price);
    account.balance = round(account.balance + (outcome.realized / contract.tickSize) * contract.tickValue, 2);

    if (order.parentId !== null) this.cancelSiblings(order);
    if (!outcome.position) {
      if (existing) this.positions = this.positions.filter((p) => p !== existing);
      this.cancelBrackets(order.accountId, contract.id);
    } else {
      const position = existing ?? this.newPosition(order);
      position.size = Math.abs(outcome.position.qty);
      position.type = outcome.position.qty > 0 ? PX_POSITION.Long : PX_POSITION.Short;
      position.averagePrice = outcome.position.avgPrice;
    }
    if (order.bracket) this.attachBrackets(order, contract, size, price);
  }

  private newPosition(order: PxOrder): PxPosition {
    const position: PxPosition = { id: this.nextPositionId(), accountId: order.accountId, contractId: order.contractId, creationTimestamp: iso(), type: 1, size: 0, averagePrice: 0 };
    this.positions.push(position);
    return position;
  }

  /**
   * SL/TP brackets are distances in ticks from the fill. The docs' example uses positive
   * ticks for both; whether the gateway wants signed ticks is unconfirmed, so the fake uses
   * the distance and puts the stop on the losing side, the target on the winning side.
   */
  private attachBrackets(entry: PxOrder, contract: PxContract, size: number, fill: number): void {
    const exitSide: PxSide = entry.side === 0 ? 1 : 0;
    const direction = entry.side === 0 ? 1 : -1;
    const child = (type: PxOrderType, level: number): PxOrder => ({
      ...entry,
      id: this.nextOrderId(),
      creationTimestamp: iso(),
      updateTimestamp: null,
      status: PX_STATUS.Open,
      type,
      side: exitSide,
      size,
      limitPrice: type === 1 ? level : null,
      stopPrice: type === 1 ? null : level,
      trailPrice: null,
      fillVolume: 0,
      filledPrice: null,
      customTag: null,
      parentId: entry.id,
      bracket: null,
    });
    const sl = entry.bracket?.stopLoss;
    if (sl) this.orders.push(child(sl.type, round(fill - direction * Math.abs(sl.ticks) * contract.tickSize)));
    const tp = entry.bracket?.takeProfit;
    if (tp) this.orders.push(child(tp.type, round(fill + direction * Math.abs(tp.ticks) * contract.tickSize)));
  }

  private cancelSiblings(filled: PxOrder): void {
    for (const o of this.orders) if (o.parentId === filled.parentId && o !== filled && o.status === PX_STATUS.Open) this.cancel(o);
  }

  private cancelBrackets(accountId: number, contractId: string): void {
    for (const o of this.orders) if (o.accountId === accountId && o.contractId === contractId && o.parentId !== null && o.status === PX_STATUS.Open) this.cancel(o);
  }

  cancel(order: PxOrder): void {
    order.status = PX_STATUS.Cancelled;
    order.updateTimestamp = iso();
  }

  /** Closes `size` contracts of the position (undefined = all) with a market order. */
  close(account: PxAccount, contract: PxContract, size?: number): PxResult<PxOrder> {
    const position = this.positions.find((p) => p.accountId === account.id && p.contractId === contract.id);
    if (!position) return { ok: false, error: `No open position in ${contract.id}` };
    if (size !== undefined && size > position.size) return { ok: false, error: `Cannot close ${size} of a ${position.size} contract position` };
    const side: PxSide = position.type === PX_POSITION.Long ? 1 : 0;
    return this.place({ account, contract, type: 2, side, size: size ?? position.size, limitPrice: null, stopPrice: null, trailPrice: null, customTag: null, bracket: null });
  }
}
