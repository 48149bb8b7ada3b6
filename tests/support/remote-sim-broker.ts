import crypto from "node:crypto";
import type { AccountRef, AccountState, BrokerAdapter, BrokerOrder, BrokerPosition, CloseResult, ConnectResult, Instrument, PlaceOrderRequest, PlaceOrderResult } from "../../brokers/types";

/**
 * A remote broker simulated in memory, for crash tests: it keeps its own book of orders
 * by client id (as TradeLocker/ProjectX/Tradovate do) and can be told to accept an order
 * and then never answer — the process dies while the call is in flight.
 */
export class RemoteSimBroker implements BrokerAdapter {
  readonly id = "tradelocker" as const;
  readonly credentialFields = [{ name: "email", label: "Email" }];
  readonly book = new Map<string, { clientOrderId: string; qty: number; price: number; side: string }>();
  hangAfterAccepting = false;
  price = 1.1;

  async connect(): Promise<ConnectResult> {
    const account = { externalAccountId: "sim-1", name: "Sim", balance: 50_000, equity: 50_000, currency: "USD" };
    return { account, accounts: [account] };
  }
  async instrument(_ref: AccountRef, ticker: string): Promise<Instrument> {
    return { symbol: ticker.replace(/^.*:/, "").toUpperCase(), brokerSymbol: "278", kind: "fx", minQty: 0.01, maxQty: 100, qtyStep: 0.01, tickSize: 0.00001, pipSize: 0.0001, valuePerPoint: 100_000, contractSize: 100_000 };
  }
  async quote() {
    return { bid: this.price, ask: this.price + 0.0002 };
  }
  async placeOrder(_ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    this.book.set(order.clientOrderId, { clientOrderId: order.clientOrderId, qty: order.qty, price: this.price + 0.0002, side: order.side });
    if (this.hangAfterAccepting) return new Promise<PlaceOrderResult>(() => {});
    return { status: "filled", brokerOrderId: `sim-${order.clientOrderId}`, filledQty: order.qty, avgPrice: this.price + 0.0002 };
  }
  async findOrder(_ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null> {
    const o = this.book.get(clientOrderId);
    return o ? { status: "filled", brokerOrderId: `sim-${clientOrderId}`, filledQty: o.qty, avgPrice: o.price } : null;
  }
  async closePosition(_ref: AccountRef, _i: Instrument, qty?: number): Promise<CloseResult> {
    return { status: "filled", filledQty: qty, avgPrice: this.price, brokerOrderId: `sim-close-${crypto.randomUUID()}` };
  }
  async closeAll() {
    return { closed: 0, errors: [] };
  }
  async cancelOrders() {
    return 0;
  }
  async positions(): Promise<BrokerPosition[]> {
    return [];
  }
  async orders(): Promise<BrokerOrder[]> {
    return [];
  }
  async accountState(): Promise<AccountState> {
    return { balance: 50_000, equity: 50_000, margin: 0, currency: "USD", positions: [] };
  }
  health() {
    return "operational" as const;
  }
}
