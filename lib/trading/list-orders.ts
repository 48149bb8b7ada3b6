import type { z } from "zod";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { canonicalSymbol } from "@/lib/market/symbols";
import type { OrderRow } from "@/lib/execution/rows";
import type { OrderView, ordersQuery } from "./schemas";

export function toOrderView(o: OrderRow): OrderView {
  return {
    id: o.id,
    account_id: o.account_id,
    broker: o.broker,
    symbol: o.symbol,
    action: o.action,
    side: o.side,
    type: o.type,
    qty: o.qty,
    filled_qty: o.filled_qty,
    price: o.price,
    avg_price: o.avg_price,
    stop_loss: o.stop_loss,
    take_profit: o.take_profit,
    status: o.status,
    reason: o.reason,
    broker_order_id: o.broker_order_id,
    tag: o.tag,
    source: o.source,
    correlation_id: o.correlation_id,
    created_at: o.created_at.toISOString(),
    filled_at: o.filled_at ? o.filled_at.toISOString() : null,
  };
}

/**
 * Keyset cursor: the (created_at, id) of the last row, opaque to clients. created_at goes
 * in as Postgres prints it — microseconds included; a JS Date would cut them to
 * milliseconds and skip rows created within the same millisecond.
 */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!id || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(createdAt) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("invalid_request", "cursor: is not a cursor this API returned", { errors: [{ path: "cursor", message: "is invalid" }] });
  }
  return { createdAt, id };
}

/** The caller's orders, newest first, a page at a time (keyset pagination: stable under inserts). */
export async function listOrders(user: SessionUser, q: z.infer<typeof ordersQuery>): Promise<{ orders: OrderView[]; next_cursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await asUser(user.claims, (tx) =>
    tx.query<OrderRow & { cursor_at: string }>(
      `select *, created_at::text as cursor_at from public.orders
       where user_id = $1 and ($2::text is null or status = $2) and ($3::text is null or symbol = $3)
         and ($4::text is null or broker = $4) and ($5::uuid is null or account_id = $5)
         and ($6::timestamptz is null or (created_at, id) < ($6, $7::uuid))
         and ($9::text is null or correlation_id = $9)
       order by created_at desc, id desc limit $8`,
      [user.id, q.status ?? null, q.symbol ? canonicalSymbol(q.symbol) : null, q.broker ?? null, q.account_id ?? null, after?.createdAt ?? null, after?.id ?? null, q.limit + 1, q.correlation_id ?? null],
    ),
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { orders: page.map(toOrderView), next_cursor: rows.length > q.limit && last ? encodeCursor(last.cursor_at, last.id) : null };
}
