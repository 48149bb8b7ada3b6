import { serviceDb } from "@/lib/db/service";
import { getBus } from "@/lib/events";
import type { Envelope } from "@/lib/crypto/envelope";
import type { BrokerId } from "@/brokers/types";
import type { Role } from "@/lib/db/as-user";
import { hashApiKey } from "@/lib/accounts/api-key";

/** Everything intake needs to know about the account behind an API key. */
export type KeyAccount = {
  account_id: string;
  user_id: string;
  email: string;
  role: Role;
  plan: string;
  user_status: string;
  trial_ends_at: Date;
  broker: BrokerId;
  mode: "demo" | "live";
  enabled: boolean;
  account_status: string;
  require_signature: boolean;
  ip_allowlist: string[];
  webhook_secret_enc: Envelope;
};

// Alerts arrive in bursts; a few seconds of caching saves a query per alert. Changes to
// an account (key regenerated, disabled, deleted) drop the entry at once on every replica.
const TTL_MS = 5_000;

type Entry = { value: KeyAccount | null; expires: number };
type Store = { cache: Map<string, Entry>; subscribed?: boolean };
const store = globalThis as unknown as { __unifyKeyCache?: Store };

function cacheStore(): Store {
  store.__unifyKeyCache ??= { cache: new Map() };
  return store.__unifyKeyCache;
}

async function ensureSubscribed(s: Store) {
  if (s.subscribed) return;
  s.subscribed = true;
  const bus = await getBus();
  bus.subscribe("cache.invalidate", (e) => {
    if (e.payload.account_id) dropAccount(s, e.payload.account_id);
  });
}

function dropAccount(s: Store, accountId: string) {
  for (const [hash, entry] of s.cache) if (entry.value?.account_id === accountId) s.cache.delete(hash);
}

/** The account behind an API key, or null for an unknown key (briefly cached). */
export async function lookupApiKey(key: string, now = Date.now()): Promise<KeyAccount | null> {
  const s = cacheStore();
  await ensureSubscribed(s);
  const hash = hashApiKey(key);
  const hit = s.cache.get(hash);
  if (hit && hit.expires > now) return hit.value;
  const db = await serviceDb();
  const [row] = await db.query<KeyAccount>("select * from public.api_key_account($1)", [hash]);
  const value = row ?? null;
  if (s.cache.size > 10_000) s.cache.clear();
  // Unknown keys are cached too (briefly), so a flood of bad keys cannot hammer the database.
  s.cache.set(hash, { value, expires: now + TTL_MS });
  return value;
}

/** Drops cached keys of an account here and on every other replica. */
export async function forgetApiKeys(accountId: string): Promise<void> {
  dropAccount(cacheStore(), accountId);
  const bus = await getBus();
  await bus.publish("cache.invalidate", { user_id: null, at: new Date().toISOString(), account_id: accountId });
}
