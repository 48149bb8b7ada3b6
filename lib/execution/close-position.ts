import crypto from "node:crypto";
import { asUser, type Claims } from "@/lib/db/as-user";
import { asService } from "@/lib/db/service";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/http/errors";
import { adapterFor } from "@/brokers/registry";
import { BrokerError, type AccountRef, type BrokerAdapter, type Instrument } from "@/brokers/types";
import { applyBrokerLimits } from "@/lib/sizing/broker-limits";
import { floorToStep } from "@/lib/sizing/round-to-step";
import { loadAccountRef } from "./account-ref";
import { sendToBroker } from "./submit-order";
import { settleOrder } from "./settle-order";
import type { Settlement } from "./publish-settlement";
import type { OrderRow, PositionRow } from "./rows";

export type CloseSource = "manual" | "exit_all" | "emergency_stop" | "stop_loss" | "take_profit" | "trailing_stop";

export type CloseOutcome = { order: OrderRow; settlement: Settlement | null };

const asOwnerOrService = <T>(claims: Claims | null, fn: (tx: Queryable) => Promise<T>) => (claims ? asUser(claims, fn) : asService(fn));

/**
 * Closes (part of) an open position through its broker: records an exit order as
 * pending under the account lock, sends it, settles the fill. `fillPrice` is for the
 * paper engine, which already knows the price its stop or target triggered at.
 * Without claims (the paper engine) it runs as the service.
 */
export async function closePositionNow(
  claims: Claims | null,
  positionId: string,
  opts: { qty?: number; source: CloseSource; correlationId: string | null; fillPrice?: number },
): Promise<CloseOutcome> {
  const prepared = await asOwnerOrService(claims, async (tx) => {
    const [locate] = await tx.query<{ account_id: string }>("select account_id from public.positions where id = $1", [positionId]);
    if (!locate) throw new AppError("not_found", "No such position.");
    await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [locate.account_id]);
    const [position] = await tx.query<PositionRow>("select * from public.positions where id = $1 for update", [positionId]);
    if (position.status !== "open") throw new AppError("conflict", `This ${position.symbol} position is already closed.`);
    const busy = await tx.query("select 1 from public.orders where position_id = $1 and action = 'exit' and status = 'pending' limit 1", [positionId]);
    if (busy.length) throw new AppError("conflict", `An exit of this ${position.symbol} position is already being sent to the broker.`);
    const ref = await loadAccountRef(tx, position.account_id);
    const adapter = adapterFor(position.broker);
    const instrument = applyBrokerLimits(adapter.id, await closingInstrument(adapter, ref, position.symbol));
    let qty = position.qty;
    if (opts.qty !== undefined && opts.qty < position.qty) {
      qty = floorToStep(opts.qty, instrument.qtyStep);
      if (qty < instrument.minQty) throw new AppError("constraint_violation", `A close of ${opts.qty} is below the minimum ${instrument.minQty} for ${position.symbol}.`);
    }
    const [order] = await tx.query<OrderRow>(
      `insert into public.orders (id, user_id, account_id, broker, symbol, action, side, type, qty, value_per_point, status, position_id, tag, source, correlation_id)
       values ($1, $2, $3, $4, $5, 'exit', $6, 'market', $7, $8, 'pending', $9, $10, $11, $12) returning *`,
      [
        crypto.randomUUID(),
        position.user_id,
        position.account_id,
        position.broker,
        position.symbol,
        position.side === "buy" ? "sell" : "buy",
        qty,
        instrument.valuePerPoint,
        position.id,
        position.tag,
        opts.source,
        opts.correlationId,
      ],
    );
    return { order, position, ref, instrument, adapter };
  });
  const { order, position, ref, instrument, adapter } = prepared;
  const result =
    opts.fillPrice !== undefined
      ? { status: "filled" as const, filledQty: order.qty, avgPrice: opts.fillPrice, brokerOrderId: `paper-${order.id}` }
      : await sendToBroker(adapter, ref, order, instrument, position);
  if (result.status === "pending") return { order, settlement: null };
  const settlement = await settleOrder(order.id, result, { claims: claims ?? undefined });
  return { order: settlement?.order ?? order, settlement };
}

/**
 * The instrument to close in. A broker failing this lookup (down, expired token, unknown
 * contract) is the broker's answer, not our crash: 503 unavailable or 422 broker_rejected
 * with its code, as for an alert.
 */
async function closingInstrument(adapter: BrokerAdapter, ref: AccountRef, symbol: string): Promise<Instrument> {
  try {
    return await adapter.instrument(ref, symbol);
  } catch (err) {
    if (err instanceof BrokerError) {
      const code = err.kind === "timeout" || err.kind === "unavailable" ? "unavailable" : "broker_rejected";
      throw new AppError(code, `${adapter.id}: ${err.message}`, { broker_code: err.brokerCode ?? err.kind });
    }
    throw err;
  }
}
