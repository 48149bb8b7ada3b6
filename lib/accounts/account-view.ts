import type { AccountView } from "./schemas";

/** The columns an account view needs, joined with its masked key. */
export const ACCOUNT_VIEW_SQL = `
  select a.id, a.broker, a.name, a.mode, a.enabled, a.status, a.status_reason, a.currency, a.balance, a.equity, a.margin,
         k.masked as api_key_masked, a.require_signature, a.ip_allowlist, a.created_at, a.last_sync
  from public.broker_accounts a left join public.api_keys k on k.account_id = a.id`;

type AccountRow = Omit<AccountView, "created_at" | "last_sync"> & { created_at: Date; last_sync: Date | null };

export function toAccountView(row: AccountRow): AccountView {
  return {
    ...row,
    created_at: row.created_at.toISOString(),
    last_sync: row.last_sync ? row.last_sync.toISOString() : null,
  };
}
