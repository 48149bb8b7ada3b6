import { asUser } from "@/lib/db/as-user";
import { requireFeature } from "@/lib/plans/require-feature";
import type { SessionUser } from "@/lib/auth/authenticate";
import { exposureItems, type OpenPositionValue } from "./exposure-items";
import type { ExposureView } from "./schemas";

/** The caller's open exposure per broker and symbol, for the risk treemap (size = notional, colour = P&L). */
export async function getExposure(user: SessionUser): Promise<ExposureView> {
  requireFeature(user.plan, "advancedRiskViews");
  const open = await asUser(user.claims, (tx) =>
    tx.query<OpenPositionValue>(
      `select broker, symbol, qty, entry_price, current_price, value_per_point, unrealized_pnl
         from public.positions where user_id = $1 and status = 'open'`,
      [user.id],
    ),
  );
  return { items: exposureItems(open) };
}
