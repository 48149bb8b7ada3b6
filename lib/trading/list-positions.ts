import type { z } from "zod";
import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { canonicalSymbol } from "@/lib/market/symbols";
import { positionEvent, type PositionRow } from "@/lib/execution/rows";
import type { PositionView, positionsQuery } from "./schemas";

export function toPositionView(p: PositionRow): PositionView {
  return {
    ...positionEvent(p),
    broker: p.broker,
    opened_at: p.opened_at.toISOString(),
    closed_at: p.closed_at ? p.closed_at.toISOString() : null,
    tag: p.tag,
  };
}

/** The caller's positions (open by default), newest first, with live marks from the paper engine or the broker sync. */
export async function listPositions(user: SessionUser, q: z.infer<typeof positionsQuery>): Promise<PositionView[]> {
  const rows = await asUser(user.claims, (tx) =>
    tx.query<PositionRow>(
      `select * from public.positions
       where user_id = $1 and ($2::text = 'all' or status = $2) and ($3::text is null or broker = $3)
         and ($4::text is null or symbol = $4) and ($5::uuid is null or account_id = $5)
       order by coalesce(closed_at, opened_at) desc, id desc limit $6`,
      [user.id, q.status, q.broker ?? null, q.symbol ? canonicalSymbol(q.symbol) : null, q.account_id ?? null, q.limit],
    ),
  );
  return rows.map(toPositionView);
}
