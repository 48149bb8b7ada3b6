/**
 * The in-memory book behind the Tradovate fake: orders (with OSO brackets that wake up
 * when their parent fills and cancel each other as an OCO pair), the Commands that created
 * and cancelled them, fills, per-day position rows that stay listed at netPos 0, and each
 * account's cash and P&L.
 */
import { idSequence, OrderFaults, round } from "./fake-kit";
import { applyFill } from "./net-position";
import type { TvCommand, TvCommandOrigin, TvCommandStatus, TvCommandType } from "./tradovate-commands";
import {
  tradeDate,
  tvContracts,
  tvDefaultAccounts,
  type TvAccount,
  type TvAction,
  type TvContract,
  type TvFailureReason,
  type TvFill,
  type TvOrder,
  type TvOrderType,
  type TvPosition,
  type TvTimeInForce,
} from "./tradovate-data";

export type TvOrderSpec = {
  action: TvAction;
  orderType: TvOrderType;
  orderQty: number;
  price: number | null;
  stopPrice: number | null;
  timeInForce: TvTimeInForce | null;
  clOrdId: string | null;
};
export type TvNewOrder = TvOrderSpec & { account: TvAccount; contract: TvContract; customTag50: string | null; isAutomated: boolean; brackets: TvOrderSpec[] };
export type TvPlaced = { ok: true; order: TvOrder; bracketIds: number[] } | { ok: false; failureReason: TvFailureReason; failureText: string };
export type TvCancelled = { ok: true; commandId: number } | { ok: false; failureReason: TvFailureReason };

const now = () => new Date().toISOString();
const EXECUTABLE: TvOrderType[] = ["Market", "Limit", "Stop", "StopLimit"];

export class TradovateBook {
  accounts: TvAccount[] = [];
  contracts: TvContract[] = [];
  orders: TvOrder[] = [];
  commands: TvCommand[] = [];
  fills: TvFill[] = [];
  positions: TvPosition[] = [];
  readonly cash = new Map<number, { balance: number; realizedToday: number }>();
  readonly prices = new Map<number, number>();
  readonly faults = new OrderFaults();
  private nextId = idSequence(1);

  constructor(
    private readonly clock: () => Date,
    private readonly userId: number,
    private readonly startingBalance: number,
  ) {
    this.reset();
  }

  reset(): void {
    this.accounts = tvDefaultAccounts(this.userId);
    this.contracts = tvContracts(this.clock());
    this.orders = [];
    this.commands = [];
    this.fills = [];
    this.positions = [];
    this.cash.clear();
    for (const a of this.accounts) this.cash.set(a.id, { balance: this.startingBalance, realizedToday: 0 });
    this.prices.clear();
    for (const c of this.contracts) this.prices.set(c.id, c.product.price);
    this.faults.clear();
    this.nextId = idSequence(210_000_000);
  }

  /** By contract name (MNQZ6), product root (MNQ) or id. */
  contract(symbol: string | number): TvContract | undefined {
    return this.contracts.find((c) => c.id === symbol || c.name === symbol || c.product.name === symbol);
  }

  priceOf(contract: TvContract): number {
    return this.prices.get(contract.id) ?? 0;
  }

  /** Moves the price; working orders it reaches fill. */
  setPrice(symbol: string, price: number): void {
    const contract = this.contract(symbol);
    if (!contract) throw new Error(`Tradovate fake has no contract ${symbol}`);
    this.prices.set(contract.id, price);
    for (const order of this.orders.filter((o) => o.contractId === contract.id)) {
      if (order.ordStatus !== "Working") continue; // an OCO sibling may have just been cancelled
      const level = reachedAt(order, price);
      if (level !== undefined) this.fill(order, contract, order.orderQty - order.filledQty, level);
    }
  }

  place(input: TvNewOrder): TvPlaced {
    const rejection = this.faults.takeReject();
    const order = this.newOrder(input.account.id, input.contract.id, input, input.customTag50, input.isAutomated, null);
    const refusal: { reason: TvFailureReason; text: string } | undefined =
      rejection !== undefined
        ? { reason: "UnknownReason", text: rejection }
        : EXECUTABLE.includes(input.orderType)
          ? undefined
          : { reason: "Unsupported", text: `The fake does not execute ${input.orderType} orders` };
    // The order and its New command exist even when refused: Tradovate lists rejected orders too.
    this.command(order.id, "New", refusal ? "ExecutionRejected" : "AtExecution", input);
    if (refusal) {
      order.ordStatus = "Rejected";
      return { ok: false, failureReason: refusal.reason, failureText: refusal.text };
    }
    const children = input.brackets.map((b) => this.newOrder(input.account.id, input.contract.id, b, null, input.isAutomated, order.id));
    for (const [i, child] of children.entries()) this.command(child.id, "New", "AtExecution", { clOrdId: input.brackets[i].clOrdId, customTag50: null, isAutomated: input.isAutomated });
    for (const child of children) child.ordStatus = "Suspended";
    if (children.length === 2) for (const child of children) child.ocoId = children[0].id;
    if (input.orderType === "Market") {
      const fraction = this.faults.takePartial();
      const qty = fraction === undefined ? input.orderQty : Math.max(1, Math.floor(input.orderQty * fraction));
      this.fill(order, input.contract, qty, this.priceOf(input.contract));
    }
    return { ok: true, order, bracketIds: children.map((c) => c.id) };
  }

  private newOrder(accountId: number, contractId: number, spec: TvOrderSpec, customTag50: string | null, isAutomated: boolean, parentId: number | null): TvOrder {
    const order: TvOrder = {
      id: this.nextId(),
      accountId,
      contractId,
      timestamp: now(),
      action: spec.action,
      ordStatus: "Working",
      admin: false,
      ocoId: null,
      parentId,
      versionId: this.nextId(),
      orderQty: spec.orderQty,
      filledQty: 0,
      orderType: spec.orderType,
      price: spec.price,
      stopPrice: spec.stopPrice,
      timeInForce: spec.timeInForce,
      clOrdId: spec.clOrdId,
      customTag50,
      isAutomated,
    };
    this.orders.push(order);
    return order;
  }

  private fill(order: TvOrder, contract: TvContract, qty: number, price: number): void {
    if (qty <= 0) return;
    order.filledQty += qty;
    if (order.filledQty >= order.orderQty) order.ordStatus = "Filled";
    this.fills.push({ id: this.nextId(), orderId: order.id, contractId: contract.id, timestamp: now(), tradeDate: tradeDate(), action: order.action, qty, price, active: true, finallyPaired: 0 });

    const position = this.positionRow(order.accountId, contract.id);
    const signed = order.action === "Buy" ? qty : -qty;
    const outcome = applyFill(position.netPos === 0 ? undefined : { qty: position.netPos, avgPrice: position.netPrice ?? price }, signed, price);
    const cash = this.cash.get(order.accountId);
    const realized = round(outcome.realized * contract.product.valuePerPoint, 2);
    if (cash) {
      cash.balance = round(cash.balance + realized, 2);
      cash.realizedToday = round(cash.realizedToday + realized, 2);
    }
    position.netPos = outcome.position?.qty ?? 0;
    if (outcome.position) position.netPrice = outcome.position.avgPrice;
    else delete position.netPrice;
    if (order.action === "Buy") {
      position.bought += qty;
      position.boughtValue = round(position.boughtValue + qty * price);
    } else {
      position.sold += qty;
      position.soldValue = round(position.soldValue + qty * price);
    }
    position.timestamp = now();

    // OSO: the brackets start working for what the parent has filled; an OCO fill cancels its sibling.
    for (const child of this.orders.filter((o) => o.parentId === order.id && (o.ordStatus === "Suspended" || o.ordStatus === "Working"))) {
      child.ordStatus = "Working";
      child.orderQty = order.filledQty;
    }
    if (order.ocoId !== null) {
      for (const sibling of this.orders) if (sibling.ocoId === order.ocoId && sibling !== order && sibling.ordStatus === "Working") sibling.ordStatus = "Canceled";
    }
  }

  private positionRow(accountId: number, contractId: number): TvPosition {
    let row = this.positions.find((p) => p.accountId === accountId && p.contractId === contractId);
    if (!row) {
      row = { id: this.nextId(), accountId, contractId, timestamp: now(), tradeDate: tradeDate(), netPos: 0, bought: 0, boughtValue: 0, sold: 0, soldValue: 0, prevPos: 0 };
      this.positions.push(row);
    }
    return row;
  }

  /** `cancelorder`: only a working (or waiting bracket) order can be cancelled; a filled one is "TooLate". */
  cancel(order: TvOrder, origin: TvCommandOrigin): TvCancelled {
    if (order.ordStatus !== "Working" && order.ordStatus !== "Suspended") return { ok: false, failureReason: "TooLate" };
    order.ordStatus = "Canceled";
    for (const child of this.orders) if (child.parentId === order.id && child.ordStatus === "Suspended") child.ordStatus = "Canceled";
    return { ok: true, commandId: this.command(order.id, "Cancel", "AtExecution", origin).id };
  }

  /** `liquidateposition`: "cancel orders for a specific contract and close that position". */
  liquidate(account: TvAccount, contract: TvContract, origin: TvCommandOrigin): TvPlaced {
    for (const o of this.orders) {
      if (o.accountId === account.id && o.contractId === contract.id && (o.ordStatus === "Working" || o.ordStatus === "Suspended")) this.cancel(o, { ...origin, clOrdId: null });
    }
    const netPos = this.positions.find((p) => p.accountId === account.id && p.contractId === contract.id)?.netPos ?? 0;
    if (netPos === 0) return { ok: false, failureReason: "UnknownReason", failureText: "No position to liquidate" };
    const spec: TvOrderSpec = { action: netPos > 0 ? "Sell" : "Buy", orderType: "Market", orderQty: Math.abs(netPos), price: null, stopPrice: null, timeInForce: null, clOrdId: null };
    return this.place({ ...spec, account, contract, customTag50: origin.customTag50, isAutomated: origin.isAutomated, brackets: [] });
  }

  private command(orderId: number, commandType: TvCommandType, commandStatus: TvCommandStatus, origin: TvCommandOrigin): TvCommand {
    const command: TvCommand = {
      id: this.nextId(),
      orderId,
      timestamp: now(),
      commandType,
      commandStatus,
      clOrdId: origin.clOrdId,
      customTag50: origin.customTag50,
      isAutomated: origin.isAutomated,
    };
    this.commands.push(command);
    return command;
  }

  /** `cashBalance/getcashbalancesnapshot`. */
  cashSnapshot(accountId: number) {
    const cash = this.cash.get(accountId) ?? { balance: 0, realizedToday: 0 };
    const openPnL = round(
      this.positions
        .filter((p) => p.accountId === accountId && p.netPos !== 0)
        .reduce((sum, p) => {
          const contract = this.contract(p.contractId);
          return contract ? sum + (this.priceOf(contract) - (p.netPrice ?? 0)) * p.netPos * contract.product.valuePerPoint : sum;
        }, 0),
      2,
    );
    return {
      totalCashValue: cash.balance,
      totalPnL: round(cash.realizedToday + openPnL, 2),
      initialMargin: 0,
      maintenanceMargin: 0,
      netLiq: round(cash.balance + openPnL, 2),
      openPnL,
      realizedPnL: cash.realizedToday,
      weekRealizedPnL: cash.realizedToday,
    };
  }
}

/** The price an order executes at if `price` reaches it, else undefined. */
function reachedAt(order: TvOrder, price: number): number | undefined {
  const buy = order.action === "Buy";
  if (order.orderType === "Market") return price;
  if (order.orderType === "Limit" && order.price !== null) return (buy ? price <= order.price : price >= order.price) ? order.price : undefined;
  if ((order.orderType === "Stop" || order.orderType === "StopLimit") && order.stopPrice !== null) {
    const triggered = buy ? price >= order.stopPrice : price <= order.stopPrice;
    if (!triggered) return undefined;
    return order.orderType === "StopLimit" && order.price !== null ? order.price : price;
  }
  return undefined;
}
