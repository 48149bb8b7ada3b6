import type { Queryable } from "@/lib/db/types";
import { needsRotation, reseal, type Envelope } from "./envelope";
import { credentialsAad, deviceSecretAad, webhookSecretAad } from "@/lib/accounts/secret-aad";
import { totpAad } from "@/lib/auth/second-factor";

type Target = { table: string; key: string; column: string; aad: (id: string) => string };

// Every encrypted column, with how its additional authenticated data is derived.
const TARGETS: Target[] = [
  { table: "broker_accounts", key: "id", column: "credentials_enc", aad: credentialsAad },
  { table: "broker_accounts", key: "id", column: "webhook_secret_enc", aad: webhookSecretAad },
  { table: "ea_devices", key: "account_id", column: "secret_enc", aad: deviceSecretAad },
  { table: "user_credentials", key: "user_id", column: "totp_secret_enc", aad: totpAad },
];

/**
 * Re-encrypts every envelope sealed under an old key with the current one
 * (UNIFY_ENCRYPTION_KEY; old keys in UNIFY_ENCRYPTION_KEYS_OLD). Idempotent; runs in the
 * caller's transaction so a failure leaves everything as it was.
 */
export async function rotateEncryptionKeys(tx: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TARGETS) {
    const rows = await tx.query<{ id: string; env: Envelope }>(`select ${t.key} as id, ${t.column} as env from public.${t.table} where ${t.column} is not null for update`);
    let n = 0;
    for (const row of rows) {
      if (!row.env?.kid || !needsRotation(row.env)) continue;
      await tx.query(`update public.${t.table} set ${t.column} = $2 where ${t.key} = $1`, [row.id, JSON.stringify(reseal(row.env, t.aad(row.id)))]);
      n++;
    }
    counts[`${t.table}.${t.column}`] = n;
  }
  return counts;
}
