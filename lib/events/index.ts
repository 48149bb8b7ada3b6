import { config } from "@/lib/config/env";
import type { Bus } from "./bus";
import { createMemoryBus } from "./memory-bus";

export type { Bus, BusEvent } from "./bus";

const store = globalThis as unknown as { __unifyBus?: Promise<Bus> };

/** The process-wide bus: NATS when NATS_URL is set, else in-process. Opened on first use. */
export function getBus(): Promise<Bus> {
  store.__unifyBus ??= (async () => {
    const { NATS_URL, NATS_SUBJECT_PREFIX } = config();
    if (!NATS_URL) return createMemoryBus();
    const { createNatsBus } = await import("./nats-bus");
    return createNatsBus(NATS_URL, NATS_SUBJECT_PREFIX);
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
