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
  type Side,
} from "@/brokers/types";
import { commandOrderResult, finalOrderResult, type CommandState } from "@/lib/ea/command-result";
import { eaHealth } from "@/lib/ea/ea-health";
import { readLastState } from "@/lib/ea/last-state";
import { queueCommand } from "@/lib/ea/queue-command";
import { readDeviceState, readOrderCommand, waitForCommand } from "@/lib/ea/read-commands";
import type { EaAccountState, EaAction, EaCommandPayload } from "@/lib/ea/schemas";
import { eaSettings, type EaSettings } from "@/lib/ea/settings";
import { toAccountState, toBrokerOrder, toBrokerPosition } from "./account-state";
import { resolveMtInstrument } from "./mt-symbol";
import { orderComment } from "./order-comment";
import { orderProblem } from "./order-problem";

/** Overrides of the bridge timing (tests, or an adapter with its own timeouts); the rest comes from eaSettings(). */
export type MetaTraderAdapterOptions = Partial<EaSettings>;

/** The outcome of a command the adapter waited for: settled by the EA, never queued, or still open. */
type Ran = { kind: "done"; cmd: CommandState } | { kind: "refused"; reason: string; code: string } | { kind: "waiting" };

const CLOSE_COMMENT = "unify:close";
const lots = (qty: number) => Math.round(qty * 100) / 100;

/**
 * MetaTrader 4/5 through the UnifyBridge Expert Advisor. There is no broker API to call:
 * every action is a command queued for the account's EA device (ea_commands), which the
 * EA collects on its next poll (every ~500 ms), executes in the terminal and acknowledges.
 *
 * - placeOrder queues an `open` and answers `submitted`; the ack settles the order
 *   (lib/ea/handle-ack.ts), the expiry job reports it pending, then expired, when no ack comes.
 * - closePosition, closeAll and cancelOrders queue `close`, `close_all`, `cancel` and wait
 *   up to ackWaitMs (default 2 s) for the ack, so callers get the outcome in one call.
 * - positions, orders and accountState are what the EA last reported on a poll.
 * - Only market orders: the command carries no price, as brokers.md defines it. Trailing
 *   stops are refused rather than silently dropped (MT trails in the terminal, not on the server).
 */
export class MetaTraderAdapter implements BrokerAdapter {
  /** No credentials: the EA authenticates itself with the device secret. */
  readonly credentialFields: BrokerAdapter["credentialFields"] = [];

  constructor(
    readonly id: "mt4" | "mt5" = "mt5",
    private readonly options: MetaTraderAdapterOptions = {},
  ) {}

  private settings(): EaSettings {
    const defined = Object.fromEntries(Object.entries(this.options).filter(([, v]) => v !== undefined));
    return { ...eaSettings(), ...defined };
  }

  /**
   * Nothing to validate: MetaTrader has no server API and the EA holds no broker
   * credentials of ours. Connecting creates the device (id + secret) instead; balance,
   * equity and currency arrive with the EA's first poll.
   */
  async connect(_credentials: Record<string, string>, _mode: AccountMode): Promise<ConnectResult> {
    const account = { externalAccountId: "", name: this.id === "mt5" ? "MetaTrader 5" : "MetaTrader 4", balance: 0, equity: 0, currency: "USD" };
    return { account, accounts: [account] };
  }

  /** The instrument valued in the account's currency as the EA last reported it (USD until it has). */
  async instrument(ref: AccountRef, ticker: string): Promise<Instrument> {
    const device = await readDeviceState(ref.accountId, ref.userId);
    const currency = device ? readLastState(device.lastState)?.currency : undefined;
    return resolveMtInstrument(ticker, currency ?? "USD");
  }

  private async queue(ref: AccountRef, action: EaAction, payload: EaCommandPayload, orderId: string | null) {
    const s = this.settings();
    return queueCommand({ accountId: ref.accountId, userId: ref.userId, action, payload, orderId, timeoutMs: s.commandTimeoutMs, offlineAfterMs: s.offlineAfterMs });
  }

  /** Queues a command and waits (bounded by ackWaitMs) for the EA to settle it. */
  private async run(ref: AccountRef, action: EaAction, payload: EaCommandPayload, orderId: string | null = null): Promise<Ran> {
    const queued = await this.queue(ref, action, payload, orderId);
    if (!queued.ok) return { kind: "refused", reason: queued.reason, code: queued.code };
    const cmd = await waitForCommand(queued.commandId, this.settings().ackWaitMs);
    return cmd ? { kind: "done", cmd } : { kind: "waiting" };
  }

  /**
   * Queues an `open` with our order id in the MT comment (orderComment) and answers
   * `submitted`; nothing is queued (rejected, with the reason) for an order the bridge
   * cannot carry or when the EA is offline. A repeated call for the same order returns
   * the state of the command already queued, never a second one.
   */
  async placeOrder(ref: AccountRef, order: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const refusal = orderProblem(order);
    if (refusal) return { status: "rejected", reason: refusal.reason, brokerCode: refusal.code };
    const payload: EaCommandPayload = {
      symbol: order.instrument.symbol,
      side: order.side,
      lots: lots(order.qty),
      sl: order.stopLoss ?? null,
      tp: order.takeProfit ?? null,
      comment: orderComment(order.clientOrderId),
    };
    const queued = await this.queue(ref, "open", payload, order.clientOrderId);
    if (!queued.ok) return { status: "rejected", reason: queued.reason, brokerCode: queued.code };
    if (queued.reused) return (await this.findOrder(ref, order.clientOrderId)) ?? { status: "submitted" };
    return { status: "submitted" };
  }

  /** The order's command and its ack, or the terminal's positions when the ack was lost; never queues anything. */
  async findOrder(ref: AccountRef, clientOrderId: string): Promise<PlaceOrderResult | null> {
    const cmd = await readOrderCommand(ref.accountId, ref.userId, clientOrderId);
    return cmd ? commandOrderResult(cmd, readLastState(cmd.lastState)) : null;
  }

  /**
   * Closes `qty` lots (all when undefined) of the positions in the symbol — only the side
   * of `position` when given (hedging accounts may hold both). `opts.clientOrderId` (our
   * exit order) travels in the comment and lets the ack settle that order if the EA
   * answers after ackWaitMs; without it an unconfirmed close comes back `pending`.
   */
  async closePosition(ref: AccountRef, instrument: Instrument, qty?: number, position?: PositionHint, opts: { clientOrderId?: string } = {}): Promise<CloseResult> {
    const orderId = opts.clientOrderId ?? null;
    const payload: EaCommandPayload = {
      symbol: instrument.symbol,
      side: position?.side ?? null,
      lots: qty === undefined ? null : lots(qty),
      sl: null,
      tp: null,
      comment: orderId ? orderComment(orderId) : CLOSE_COMMENT,
    };
    const ran = await this.run(ref, "close", payload, orderId);
    if (ran.kind === "refused") return { status: "rejected", reason: ran.reason, brokerCode: ran.code };
    if (ran.kind === "waiting") {
      return { status: orderId ? "submitted" : "pending", reason: `MetaTrader has not confirmed the close of ${instrument.symbol} yet; it is not sent again.` };
    }
    return closeResult(ran.cmd);
  }

  /** Queues `close_all` and reports how many positions the EA closed. */
  async closeAll(ref: AccountRef): Promise<{ closed: number; errors: string[] }> {
    const ran = await this.run(ref, "close_all", { symbol: null, side: null, lots: null, sl: null, tp: null, comment: CLOSE_COMMENT });
    if (ran.kind === "refused") return { closed: 0, errors: [ran.reason] };
    if (ran.kind === "waiting") return { closed: 0, errors: ["MetaTrader has not confirmed closing all positions yet; the command stays queued until it times out."] };
    const count = ran.cmd.result?.count ?? 0;
    if (ran.cmd.status === "filled") return { closed: count, errors: [] };
    return { closed: count, errors: [ran.cmd.result?.reason ?? `close_all ${ran.cmd.status}`] };
  }

  /** Queues `cancel` (one symbol or all) and returns how many pending orders the EA deleted. */
  async cancelOrders(ref: AccountRef, instrument?: Instrument): Promise<number> {
    const ran = await this.run(ref, "cancel", { symbol: instrument?.symbol ?? null, side: null, lots: null, sl: null, tp: null, comment: "" });
    if (ran.kind === "refused") throw new BrokerError(ran.reason, "unavailable", ran.code);
    if (ran.kind === "waiting") throw new BrokerError("MetaTrader has not confirmed cancelling the orders yet; the command stays queued until it times out.", "timeout");
    if (ran.cmd.status !== "filled") throw new BrokerError(ran.cmd.result?.reason ?? `cancel ${ran.cmd.status}`, "rejected", "ea_rejected");
    return ran.cmd.result?.count ?? 0;
  }

  /**
   * Sets the stop loss and take profit of the positions in a symbol (of one side when
   * given). Not part of BrokerAdapter: for the pipeline's own trailing or bracket updates.
   * null leaves a level as it is; 0 removes it (MetaTrader's convention).
   */
  async modifyPosition(ref: AccountRef, instrument: Instrument, levels: { stopLoss: number | null; takeProfit: number | null; side?: Side }): Promise<PlaceOrderResult> {
    const ran = await this.run(ref, "modify", { symbol: instrument.symbol, side: levels.side ?? null, lots: null, sl: levels.stopLoss, tp: levels.takeProfit, comment: "" });
    if (ran.kind === "refused") return { status: "rejected", reason: ran.reason, brokerCode: ran.code };
    if (ran.kind === "waiting") return { status: "pending", reason: "MetaTrader has not confirmed the new levels yet." };
    return ran.cmd.status === "filled" ? { status: "filled" } : { status: "rejected", reason: ran.cmd.result?.reason ?? `modify ${ran.cmd.status}` };
  }

  private async lastState(ref: AccountRef): Promise<EaAccountState & { asOf?: Date }> {
    const device = await readDeviceState(ref.accountId, ref.userId);
    const state = device ? readLastState(device.lastState) : null;
    if (!state) throw new BrokerError("MetaTrader has not reported this account yet: attach the UnifyBridge EA to a chart in the terminal.", "unavailable", "ea_no_state");
    return { ...state, asOf: device?.lastPollAt ?? undefined };
  }

  /** The positions of the EA's last poll (at most a poll interval old while it is online). */
  async positions(ref: AccountRef): Promise<BrokerPosition[]> {
    return (await this.lastState(ref)).positions.map(toBrokerPosition);
  }

  async orders(ref: AccountRef): Promise<BrokerOrder[]> {
    return (await this.lastState(ref)).orders.map(toBrokerOrder);
  }

  /** As of the EA's last poll: the sync leaves alone what changed after it (an ack since). */
  async accountState(ref: AccountRef): Promise<AccountState> {
    const state = await this.lastState(ref);
    return { ...toAccountState(state), asOf: state.asOf };
  }

  /** Operational unless EAs stop confirming the commands they collect (see lib/ea/ea-health.ts). */
  health(): BrokerHealth {
    return eaHealth.status(this.id);
  }
}

/** A settled close command as CloseResult, with the realised P&L the EA reported. */
function closeResult(cmd: CommandState): CloseResult {
  if (cmd.status === "expired") return { status: "expired", reason: cmd.result?.reason };
  const status = cmd.status === "filled" ? "filled" : "rejected";
  const result = finalOrderResult(status, cmd.payload, cmd.result ?? {});
  return status === "filled" ? { ...result, realizedPnl: cmd.result?.profit } : result;
}
