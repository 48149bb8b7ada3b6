import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { closePositionNow } from "@/lib/execution/close-position";

/** POST /positions/{id}/close: the caller closes one of their positions (404 for anyone else's). */
export async function closeUserPosition(user: SessionUser, positionId: string, qty: number | undefined, correlationId: string) {
  const [mine] = await asUser(user.claims, (tx) => tx.query("select 1 from public.positions where id = $1 and user_id = $2", [positionId, user.id]));
  if (!mine) throw new AppError("not_found", "No such position.");
  const { order, settlement } = await closePositionNow(user.claims, positionId, { qty, source: "manual", correlationId });
  if (order.status === "rejected") {
    // The contract's broker_rejected carries the broker's code, as an alert's rejection does.
    const brokerCode = settlement?.log.data?.broker_code;
    throw new AppError("broker_rejected", `The broker refused to close: ${order.reason ?? "no reason given"}`, {
      broker_code: typeof brokerCode === "string" ? brokerCode : "rejected",
    });
  }
  return { ok: true, order_id: order.id, status: order.status, realized_pnl: settlement?.realizedPnl ?? 0 };
}
