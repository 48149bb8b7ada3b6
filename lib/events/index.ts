import { config } from "@/lib/config/env";
import type { Bus } from "./bus";
import { createMemoryBus } from "./memory-bus";

export type { Bus, BusEvent } from "./bus";

const store = globalThis as unknown as { __unifyBus?: Promise<Bus> };

// How long the first use of the bus waits for NATS before going on without it (it keeps trying).
const FIRST_CONNECT_WAIT_MS = 1_000;

/**
 * The process-wide bus: NATS when NATS_URL is set, else in-process. Opened on first use.
 * Never fails and never waits long for NATS: alerts, caches and streams all ask for it, and
 * an unreachable NATS must not fail them (see createDeferredBus).
 */
export function getBus(): Promise<Bus> {
  store.__unifyBus ??= (async () => {
    const { NATS_URL, NATS_SUBJECT_PREFIX } = config();
    if (!NATS_URL) return createMemoryBus();
    const [{ createNatsBus }, { createDeferredBus }] = await Promise.all([import("./nats-bus"), import("./deferred-bus")]);
    const bus = createDeferredBus(() => createNatsBus(NATS_URL, NATS_SUBJECT_PREFIX));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([bus.firstAttempt, new Promise((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS)))]).finally(() => clearTimeout(timer));
    return bus;
  })();
  store.__unifyBus.catch(() => (store.__unifyBus = undefined));
  return store.__unifyBus;
}

/** Tests: use this bus. */
export function setBus(bus: Bus) {
  store.__unifyBus = Promise.resolve(bus);
}

export async function closeBus() {
  const pending = store.__unifyBus;
  store.__unifyBus = undefined;
  if (pending) await (await pending).close();
}
