import type { Queryable } from "@/lib/db/types";
import type { AccountRef, BrokerId } from "@/brokers/types";
import { openJson, type Envelope } from "@/lib/crypto/envelope";
import { credentialsAad } from "@/lib/accounts/secret-aad";

type RefRow = { id: string; user_id: string; broker: BrokerId; mode: "demo" | "live"; external_account_id: string | null; credentials_enc: Envelope | null };

/**
 * What an adapter needs to act on an account. Credentials are decrypted here, in
 * memory, for the call at hand; they are never logged or stored in plaintext.
 */
export async function loadAccountRef(tx: Queryable, accountId: string): Promise<AccountRef & { broker: BrokerId }> {
  const [row] = await tx.query<RefRow>(
    "select id, user_id, broker, mode, external_account_id, credentials_enc from public.broker_accounts where id = $1",
    [accountId],
  );
  if (!row) throw new Error(`account ${accountId} not found`);
  return {
    accountId: row.id,
    userId: row.user_id,
    broker: row.broker,
    mode: row.mode,
    externalAccountId: row.external_account_id,
    credentials: row.credentials_enc ? openJson<Record<string, string>>(row.credentials_enc, credentialsAad(row.id)) : null,
  };
}
