import type { AccountView } from "@/lib/accounts/schemas";

/** What the webhook page needs of an account (no balances, no secrets: only the masked key). */
export type WebhookAccount = Pick<AccountView, "id" | "broker" | "name" | "mode" | "enabled" | "api_key_masked" | "require_signature" | "ip_allowlist">;
