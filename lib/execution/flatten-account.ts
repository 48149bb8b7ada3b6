import { asUser, type Claims } from "@/lib/db/as-user";
import { adapterFor } from "@/brokers/registry";
import { BrokerError } from "@/brokers/types";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log/logger";
import { loadAccountRef } from "./account-ref";
import { closePositionNow, type CloseSource } from "./close-position";
import { cancelWorkingOrders } from "./cancel-orders";

export type FlattenError = { account_id: string; position_id?: string; symbol?: string; error: string };
export type FlattenResult = { positionsClosed: number; ordersCancelled: number; realizedPnl: number; pending: number; errors: FlattenError[] };

/**
 * Cancels an account's working orders and closes every open position, one by one so a
 * failure on one is reported without stopping the others; then asks the broker to
 * flatten whatever it still holds that we did not know about.
 */
export async function flattenAccount(claims: Claims, accountId: string, source: CloseSource, correlationId: string): Promise<FlattenResult> {
  const out: FlattenResult = { positionsClosed: 0, ordersCancelled: 0, realizedPnl: 0, pending: 0, errors: [] };
  try {
    out.ordersCancelled = await cancelWorkingOrders(claims, accountId, null);
  } catch (err) {
    out.errors.push({ account_id: accountId, error: `cancelling orders failed: ${(err as Error).message}` });
  }
  const positions = await asUser(claims, (tx) =>
    tx.query<{ id: string; symbol: string }>("select id, symbol from public.positions where account_id = $1 and status = 'open' order by opened_at", [accountId]),
  );
  for (const p of positions) {
    try {
      const { order, settlement } = await closePositionNow(claims, p.id, { source, correlationId });
      if (order.status === "filled") {
        out.positionsClosed++;
        out.realizedPnl += settlement?.realizedPnl ?? 0;
      } else if (order.status === "pending" || order.status === "submitted") {
        out.pending++;
      } else {
        out.errors.push({ account_id: accountId, position_id: p.id, symbol: p.symbol, error: order.reason ?? `close ${order.status}` });
      }
    } catch (err) {
      out.errors.push({ account_id: accountId, position_id: p.id, symbol: p.symbol, error: closeFailure(err, p.id) });
    }
  }
  const ref = await asUser(claims, (tx) => loadAccountRef(tx, accountId));
  if (ref.broker !== "paper") {
    try {
      const extra = await adapterFor(ref.broker).closeAll(ref);
      for (const e of extra.errors) out.errors.push({ account_id: accountId, error: e });
    } catch (err) {
      out.errors.push({ account_id: accountId, error: `broker flatten failed: ${(err as Error).message}` });
      log.warn("broker closeAll failed", { account_id: accountId, error: String(err) });
    }
  }
  out.realizedPnl = Math.round(out.realizedPnl * 100) / 100;
  return out;
}

/**
 * The sentence a trader reads for a position that could not be closed: our own and the
 * broker's reasons as they are; anything else (a database or programming error) only as a
 * generic sentence — its message is internal and goes to the log.
 */
function closeFailure(err: unknown, positionId: string): string {
  if (err instanceof AppError) return err.detail;
  if (err instanceof BrokerError) return err.message;
  log.error("closing a position during a flatten failed", { position_id: positionId, error: String(err) });
  return "Closing failed because of an internal error; try again or close it at the broker.";
}
