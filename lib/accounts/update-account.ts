import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { publishUserLog, writeUserLog } from "@/lib/log/user-log";
import { ACCOUNT_VIEW_SQL, toAccountView } from "./account-view";
import type { AccountView, UpdateAccountBody } from "./schemas";
import { publishAccount } from "./connect-account";
import { forgetApiKeys } from "@/lib/intake/api-key-cache";

/** Renames, enables/disables or changes the webhook security of one of the caller's accounts. */
export async function updateAccount(user: SessionUser, id: string, body: UpdateAccountBody, correlationId: string): Promise<AccountView> {
  const changes: string[] = [];
  const values: unknown[] = [id, user.id];
  const set = (column: string, value: unknown) => {
    values.push(value);
    changes.push(`${column} = $${values.length}`);
  };
  if (body.name !== undefined) set("name", body.name);
  if (body.require_signature !== undefined) set("require_signature", body.require_signature);
  if (body.ip_allowlist !== undefined) set("ip_allowlist", body.ip_allowlist);
  if (body.enabled !== undefined) {
    set("enabled", body.enabled);
    // Re-enabling clears a "disabled" status (set by the emergency stop); other statuses come from the broker.
    changes.push(body.enabled ? "status = case when status = 'disabled' then 'active' else status end, status_reason = null" : "status = 'disabled'");
  }
  const message = body.enabled === false ? "Account disabled" : body.enabled === true ? "Account enabled" : "Account settings changed";
  const account = await asUser(user.claims, async (tx) => {
    const updated = await tx.query<{ id: string }>(
      `update public.broker_accounts set ${changes.join(", ")} where id = $1 and user_id = $2 returning id`,
      values,
    );
    if (!updated.length) throw new AppError("not_found", "No such broker account.");
    await writeUserLog(tx, { user_id: user.id, level: "info", type: "account", message, data: { account_id: id, fields: Object.keys(body) }, correlation_id: correlationId });
    const [row] = await tx.query<Parameters<typeof toAccountView>[0]>(`${ACCOUNT_VIEW_SQL} where a.id = $1`, [id]);
    return toAccountView(row);
  });
  await forgetApiKeys(id);
  await publishAccount(user.id, account, correlationId);
  await publishUserLog({ user_id: user.id, level: "info", type: "account", message, correlation_id: correlationId });
  return account;
}
