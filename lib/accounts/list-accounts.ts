import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { ACCOUNT_VIEW_SQL, toAccountView } from "./account-view";
import type { AccountView } from "./schemas";

/** The caller's broker accounts, oldest first. */
export async function listAccounts(user: SessionUser): Promise<AccountView[]> {
  const rows = await asUser(user.claims, (tx) =>
    tx.query<Parameters<typeof toAccountView>[0]>(`${ACCOUNT_VIEW_SQL} where a.user_id = $1 order by a.created_at, a.id`, [user.id]),
  );
  return rows.map(toAccountView);
}

/** One of the caller's accounts; 404 when it does not exist or belongs to someone else. */
export async function getAccount(user: SessionUser, id: string): Promise<AccountView> {
  const [row] = await asUser(user.claims, (tx) =>
    tx.query<Parameters<typeof toAccountView>[0]>(`${ACCOUNT_VIEW_SQL} where a.id = $1 and a.user_id = $2`, [id, user.id]),
  );
  if (!row) throw new AppError("not_found", "No such broker account.");
  return toAccountView(row);
}
