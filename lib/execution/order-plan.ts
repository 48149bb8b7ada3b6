/**
 * The pure rules that turn an alert into the order that goes out — shared by the real
 * admission (admit-order.ts) and the dry run (validate-alert.ts), so the playground says
 * exactly what an alert would do.
 */
import type { Instrument, Side } from "@/brokers/types";
import { marginRefusal } from "@/brokers/paper/margin";
import { AppError } from "@/lib/http/errors";
import type { Intent } from "@/lib/intake/schemas";
import { floorToStep } from "@/lib/sizing/round-to-step";
import type { PositionRow } from "./rows";

/** The position a reverse closes: the open one on the other side (in the side held, none). */
export function reverseCloses(intent: Pick<Intent, "action" | "side">, open: PositionRow | null): PositionRow | null {
  return intent.action === "reverse" && open && open.side !== intent.side ? open : null;
}

/** The intent as the risk rules see it: a reverse that closes nothing is the entry it is. */
export function asRiskIntent(intent: Intent, closing: PositionRow | null, symbol: string): Intent {
  return { ...intent, action: intent.action === "reverse" && !closing ? "entry" : intent.action, symbol };
}

/**
 * Why a reverse of an open position cannot rest as a limit or stop: its quantity carries
 * the closing part, so if the position closed before it filled (a stop, an exit), the fill
 * would open that part too. Null when it may go.
 */
export function restingReverseRefusal(intent: Pick<Intent, "type">, closing: PositionRow | null, symbol: string): AppError | null {
  if (!closing || intent.type === "market") return null;
  return new AppError("constraint_violation", `A reverse of an open ${symbol} position is sent at market; for a ${intent.type} order, send an exit and then a ${intent.type} entry.`);
}

/** A reverse's quantity: the new position plus the one it closes. */
export function withClosingQty(qty: number, closing: PositionRow | null): number {
  return closing ? Math.round((qty + closing.qty) * 1e6) / 1e6 : qty;
}

export type ExitPlan = { side: Side; qty: number; positionId: string };

/** The exit of the open position: all of it, or `wanted` (the alert's qty) on the step grid. */
export function planExitOf(instrument: Pick<Instrument, "symbol" | "qtyStep" | "minQty">, open: PositionRow | null, exitPending: boolean, wanted: number | undefined): ExitPlan | { error: AppError } {
  const symbol = instrument.symbol;
  if (!open) return { error: new AppError("conflict", `There is no open ${symbol} position on this account to exit.`) };
  if (exitPending) return { error: new AppError("conflict", `An exit of ${symbol} is already being sent to the broker.`) };
  let qty = open.qty;
  if (wanted !== undefined && wanted < open.qty) {
    qty = floorToStep(wanted, instrument.qtyStep);
    if (qty < instrument.minQty) return { error: new AppError("constraint_violation", `An exit of ${wanted} is below the minimum ${instrument.minQty} for ${symbol}.`) };
  }
  return { side: open.side === "buy" ? "sell" : "buy", qty, positionId: open.id };
}

/**
 * The paper broker refuses what free margin (equity − margin in use) cannot carry, as a
 * broker does: the exposure the order adds, beyond what it closes of an opposite position,
 * at the price it would fill near. Null when it fits.
 */
export function paperMarginShortfall(
  account: { equity: number; margin: number },
  order: { symbol: string; side: Side; qty: number; price: number | null; valuePerPoint: number },
  open: PositionRow | null,
): string | null {
  if (order.price === null) return null;
  const addedQty = open && open.side !== order.side ? order.qty - open.qty : order.qty;
  return marginRefusal(account, { symbol: order.symbol, price: order.price, addedQty, valuePerPoint: order.valuePerPoint });
}
