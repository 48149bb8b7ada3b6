import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { writeUserLog } from "@/lib/log/user-log";
import { forgetApiKeys } from "@/lib/intake/api-key-cache";

// Orders that may still be working at the broker (or on their way to it).
const WORKING_ORDER_STATUSES = ["pending", "submitted", "partially_filled"];

/**
 * Deletes one of the caller's accounts with its keys, orders and history. Refused while
 * positions are open or orders are working: they would be left at the broker with nothing
 * managing them (a working order deleted here can still fill there).
 */
export async function deleteAccount(user: SessionUser, id: string, correlationId: string): Promise<void> {
  await asUser(user.claims, async (tx) => {
    const [account] = await tx.query<{ name: string; open: number; working: number }>(
      `select a.name, (select count(*)::int from public.positions p where p.account_id = a.id and p.status = 'open') as open,
              (select count(*)::int from public.orders o where o.account_id = a.id and o.status = any($3::text[])) as working
       from public.broker_accounts a where a.id = $1 and a.user_id = $2 for update`,
      [id, user.id, WORKING_ORDER_STATUSES],
    );
    if (!account) throw new AppError("not_found", "No such broker account.");
    if (account.open > 0) {
      throw new AppError("conflict", `This account has ${account.open} open position(s). Close them before deleting the account.`);
    }
    if (account.working > 0) {
      throw new AppError("conflict", `This account has ${account.working} working order(s). Cancel them before deleting the account.`);
    }
    await tx.query("delete from public.broker_accounts where id = $1 and user_id = $2", [id, user.id]);
    await writeUserLog(tx, { user_id: user.id, level: "info", type: "account", message: `Deleted account "${account.name}"`, correlation_id: correlationId });
  });
  await forgetApiKeys(id);
}
