import { asUser } from "@/lib/db/as-user";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { publishUserLog, writeUserLog } from "@/lib/log/user-log";
import { forgetApiKeys } from "@/lib/intake/api-key-cache";
import { generateApiKey } from "./api-key";

/** Replaces an account's API key; the old one stops working at once. Returns the new key (shown once). */
export async function regenerateApiKey(user: SessionUser, accountId: string, correlationId: string): Promise<{ api_key: string }> {
  const message = "API key regenerated: update your TradingView alerts with the new key";
  const key = await asUser(user.claims, async (tx) => {
    const [account] = await tx.query<{ mode: "demo" | "live" }>(
      "select mode from public.broker_accounts where id = $1 and user_id = $2 for update",
      [accountId, user.id],
    );
    if (!account) throw new AppError("not_found", "No such broker account.");
    const fresh = generateApiKey(account.mode);
    await tx.query("delete from public.api_keys where account_id = $1", [accountId]);
    await tx.query("insert into public.api_keys (user_id, account_id, key_hash, masked) values ($1, $2, $3, $4)", [
      user.id,
      accountId,
      fresh.hash,
      fresh.masked,
    ]);
    await writeUserLog(tx, { user_id: user.id, level: "warn", type: "account", message, data: { account_id: accountId }, correlation_id: correlationId });
    return fresh.key;
  });
  await forgetApiKeys(accountId);
  await publishUserLog({ user_id: user.id, level: "warn", type: "account", message, correlation_id: correlationId });
  return { api_key: key };
}
