import { log } from "@/lib/log/logger";
import { LocalFanout, validatePayload, type Bus, type Handler } from "./bus";
import type { Payload, Subject } from "./subjects";

/** How often an unreachable NATS is tried again. */
const RETRY_MS = 2_000;
/** An unreachable NATS is reported at most this often. */
const WARN_EVERY_MS = 60_000;

type Subscription = { subject: Subject | "*"; handler: Handler; off?: () => void };

export type DeferredBus = Bus & {
  /** Settles when the first connection attempt has succeeded or failed. */
  readonly firstAttempt: Promise<void>;
};

/**
 * The NATS bus of a process that could not reach NATS yet (a replica starting before NATS,
 * an outage at start-up). Publishing never fails or waits: until NATS is reached, events go
 * to this process's subscribers only, as on the in-process bus. The connection is retried in
 * the background; once made, publishes go to NATS and every subscription made so far moves
 * to it, so caches and live streams that subscribed early keep working.
 */
export function createDeferredBus(open: () => Promise<Bus>, retryMs = RETRY_MS): DeferredBus {
  const local = new LocalFanout();
  const subscriptions = new Set<Subscription>();
  let inner: Bus | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let warnedAt = 0;

  const attempt = async (): Promise<void> => {
    try {
      const bus = await open();
      if (closed) return void (await bus.close().catch(() => {}));
      for (const s of subscriptions) s.off = bus.subscribe(s.subject, s.handler);
      inner = bus;
      if (warnedAt) log.info("NATS reached: events reach every replica again");
    } catch (err) {
      if (closed) return;
      if (Date.now() - warnedAt >= WARN_EVERY_MS) {
        warnedAt = Date.now();
        log.error("NATS is unreachable: events stay in this process until it is reached", { error: String(err) });
      }
      timer = setTimeout(() => void attempt(), retryMs);
      timer.unref?.();
    }
  };
  const firstAttempt = attempt();

  return {
    kind: "nats",
    firstAttempt,
    async publish<S extends Subject>(subject: S, payload: Payload<S>) {
      if (inner) return inner.publish(subject, payload);
      local.deliver(subject, validatePayload(subject, payload));
    },
    subscribe<S extends Subject>(subject: S | "*", handler: Handler<S>) {
      const s: Subscription = { subject, handler: handler as Handler, off: inner?.subscribe(subject, handler) };
      subscriptions.add(s);
      const offLocal = local.subscribe(subject, handler as Handler);
      return () => {
        subscriptions.delete(s);
        offLocal();
        s.off?.();
      };
    },
    ping: async () => (inner ? inner.ping() : false),
    async close() {
      closed = true;
      clearTimeout(timer);
      await inner?.close();
    },
  };
}
