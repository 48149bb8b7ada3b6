import { BrokerError, type BrokerOrder, type BrokerPosition, type OrderType, type PlaceOrderResult } from "@/brokers/types";
import { asArray, asRecord, num, str, type JsonRecord } from "@/brokers/shared/json";
import type { TradovateClient, TvAccount, TvCaller } from "./client";
import { rootForContractName } from "./contracts";
import { tradovateOrderStatus, WORKING_STATUSES } from "./order-status";

/** Who is asking: the caller and the account it trades. */
export type TvCtx = { c: TvCaller; account: TvAccount };

/**
 * Reads of one Tradovate account (orders, fills, positions, cash), all idempotent GETs or
 * snapshot POSTs. Contract names are cached by id since positions and orders only carry ids.
 */
export class TradovateReads {
  private readonly contracts = new Map<number, string>();

  constructor(private readonly client: TradovateClient) {}

  /** Remembers a contract's name (from instrument resolution). */
  rememberContract(id: number, name: string): void {
    this.contracts.set(id, name);
  }

  /** Cash snapshot: balance (totalCashValue), equity (netLiq), initial margin. */
  async cash(x: TvCtx): Promise<{ balance: number; equity: number; margin: number }> {
    const res = await this.client.send(x.c, { method: "POST", path: "/cashBalance/getcashbalancesnapshot", body: { accountId: x.account.id }, idempotent: true });
    const r = asRecord(res.body);
    if (res.status >= 400 || str(r.errorText)) throw new BrokerError("Tradovate did not report the cash balance.", "rejected");
    const balance = num(r.totalCashValue) ?? 0;
    return { balance, equity: num(r.netLiq) ?? balance + (num(r.openPnL) ?? 0), margin: num(r.initialMargin) ?? 0 };
  }

  /**
   * The state of one order: its status from `/order/item?id=`, its fills from
   * `/fill/deps?masterid=` (Order carries no quantities; fills give the filled size and
   * average price). One order's entities rather than the day's /order/list and /fill/list:
   * Tradovate's limits are shared by the whole deployment.
   */
  async orderState(x: TvCtx, orderId: string): Promise<PlaceOrderResult | null> {
    const [order, fills] = await Promise.all([this.client.read(x.c, "/order/item", { id: orderId }, true), this.orderFills(x, orderId)]);
    const o = asRecord(order);
    if (str(o.id) === undefined) return null;
    const filledQty = fills.filledQty || undefined;
    return { status: tradovateOrderStatus(str(o.ordStatus), undefined, filledQty), brokerOrderId: orderId, filledQty, avgPrice: fills.avgPrice };
  }

  /** The fills of one order (`/fill/deps?masterid=<order id>`, Fill: qty, price): total quantity and volume-weighted price. */
  async orderFills(x: TvCtx, orderId: string): Promise<{ filledQty: number; avgPrice?: number }> {
    const fills = asArray(await this.client.read(x.c, "/fill/deps", { masterid: orderId })).map(asRecord);
    const filledQty = fills.reduce((s, f) => s + (num(f.qty) ?? 0), 0);
    if (filledQty <= 0) return { filledQty: 0 };
    const notional = fills.reduce((s, f) => s + (num(f.qty) ?? 0) * (num(f.price) ?? 0), 0);
    // 12 significant digits drop the float noise of the weighting.
    return { filledQty, avgPrice: Number((notional / filledQty).toPrecision(12)) };
  }

  /** The order id our clOrdId created, from the Command entities (Command: orderId, clOrdId, commandType). */
  async orderIdForClientId(x: TvCtx, clientOrderId: string): Promise<string | undefined> {
    const command = asArray(await this.client.read(x.c, "/command/list"))
      .map(asRecord)
      .find((cmd) => str(cmd.clOrdId) === clientOrderId && (str(cmd.commandType) ?? "New") === "New");
    return command ? str(command.orderId) : undefined;
  }

  /** A contract's name (MNQZ6) from its id: remembered, else `/contract/item`; the id itself when Tradovate does not say. */
  async contractName(x: TvCtx, contractId: number): Promise<string> {
    const known = this.contracts.get(contractId);
    if (known) return known;
    const name = str(asRecord(await this.client.read(x.c, "/contract/item", { id: contractId }, true).catch(() => null)).name);
    if (name) this.contracts.set(contractId, name);
    return name ?? String(contractId);
  }

  /** Open positions of the account (netPos ≠ 0) as Tradovate sends them. */
  async rawPositions(x: TvCtx): Promise<JsonRecord[]> {
    return asArray(await this.client.read(x.c, "/position/list"))
      .map(asRecord)
      .filter((p) => num(p.accountId) === x.account.id && (num(p.netPos) ?? 0) !== 0);
  }

  /** Open positions as ours: netPos sign is the side. */
  async positions(x: TvCtx): Promise<BrokerPosition[]> {
    return Promise.all(
      (await this.rawPositions(x)).map(async (p) => {
        const netPos = num(p.netPos) ?? 0;
        return {
          symbol: rootForContractName(await this.contractName(x, num(p.contractId) ?? 0)),
          side: netPos > 0 ? ("buy" as const) : ("sell" as const),
          qty: Math.abs(netPos),
          entryPrice: num(p.netPrice) ?? 0,
          brokerPositionId: str(p.id),
        };
      }),
    );
  }

  /** Working orders of the account as Tradovate sends them. */
  async workingOrders(x: TvCtx): Promise<JsonRecord[]> {
    return asArray(await this.client.read(x.c, "/order/list"))
      .map(asRecord)
      .filter((o) => num(o.accountId) === x.account.id && WORKING_STATUSES.has(str(o.ordStatus) ?? ""));
  }

  /** Working orders as ours; quantity, type and prices live on each order's latest OrderVersion. */
  async orders(x: TvCtx): Promise<BrokerOrder[]> {
    return Promise.all(
      (await this.workingOrders(x)).map(async (o) => {
        const id = str(o.id) ?? "";
        const v = asRecord(asArray(await this.client.read(x.c, "/orderVersion/deps", { masterid: id }).catch(() => [])).at(-1));
        const type = str(v.orderType);
        const qty = num(v.orderQty) ?? 0;
        return {
          brokerOrderId: id,
          symbol: rootForContractName(await this.contractName(x, num(o.contractId) ?? 0)),
          side: str(o.action) === "Sell" ? ("sell" as const) : ("buy" as const),
          type: (type === "Market" ? "market" : type === "Limit" ? "limit" : "stop") as OrderType,
          qty,
          filledQty: 0,
          price: num(v.price) ?? num(v.stopPrice),
          status: tradovateOrderStatus(str(o.ordStatus), qty),
        };
      }),
    );
  }
}
