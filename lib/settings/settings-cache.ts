import { getBus } from "@/lib/events";

// Risk settings and trading config are read by every alert and change rarely: a few
// seconds of caching saves two queries per alert; a save drops them on every replica.
const TTL_MS = 5_000;

type Entry = { value: unknown; expires: number };
type Store = { map: Map<string, Entry>; subscribed?: boolean };
const store = globalThis as unknown as { __unifySettingsCache?: Store };

function cache(): Store {
  store.__unifySettingsCache ??= { map: new Map() };
  return store.__unifySettingsCache;
}

async function subscribe(s: Store) {
  if (s.subscribed) return;
  s.subscribed = true;
  const bus = await getBus();
  bus.subscribe("cache.invalidate", (e) => {
    if (e.payload.user_id && !e.payload.account_id) dropUser(s, e.payload.user_id);
  });
}

function dropUser(s: Store, userId: string) {
  for (const key of s.map.keys()) if (key.startsWith(`${userId}:`)) s.map.delete(key);
}

/** Returns the cached value for key, or loads, caches and returns it. Keys start with the user id. */
export async function cachedSetting<T>(userId: string, key: string, load: () => Promise<T>): Promise<T> {
  const s = cache();
  await subscribe(s);
  const fullKey = `${userId}:${key}`;
  const hit = s.map.get(fullKey);
  if (hit && hit.expires > Date.now()) return hit.value as T;
  const value = await load();
  if (s.map.size > 20_000) s.map.clear();
  s.map.set(fullKey, { value, expires: Date.now() + TTL_MS });
  return value;
}

/** Drops a user's cached settings here and on every replica (after a save). */
export async function forgetUserSettings(userId: string): Promise<void> {
  dropUser(cache(), userId);
  const bus = await getBus();
  await bus.publish("cache.invalidate", { user_id: userId, at: new Date().toISOString() });
}
