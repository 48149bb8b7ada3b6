import { connect, Events, JSONCodec, RetentionPolicy, type NatsConnection } from "nats";
import { log } from "@/lib/log/logger";
import { LocalFanout, parseIncoming, validatePayload, type Bus, type Handler } from "./bus";
import type { Payload, Subject } from "./subjects";

const codec = JSONCodec();

// Publishing runs on the alert's path (settlements, risk blocks, webhook.received): NATS
// being down must neither fail nor slow an alert. The JetStream store of an event is
// awaited at most this long while connected, and not at all while disconnected; it
// completes, or fails and is logged, in the background.
const ACK_WAIT_MS = 250;
// Events held for JetStream during an outage (the client buffers them until it reconnects);
// beyond this they are dropped and counted in the log rather than held without bound.
const MAX_UNACKED = 10_000;
// A failing NATS is reported at most this often, with the count of events lost since.
const WARN_EVERY_MS = 10_000;

// Subjects kept in JetStream (must not be lost: audit, billing, executions); the rest are live-only.
const DURABLE: Subject[] = ["trade.exec", "order.status", "risk.blocked", "billing.status", "audit.admin"];

/**
 * Events over NATS so every replica sees every event: each publish goes to NATS, and
 * each replica's subscription feeds its local fan-out (SSE streams, caches).
 */
export async function createNatsBus(url: string, prefix = "unify"): Promise<Bus> {
  const nc: NatsConnection = await connect({ servers: url.split(",").map((s) => s.trim()), name: prefix, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  try {
    await ensureStream(nc, prefix);
  } catch (err) {
    // Connected but no stream (JetStream not ready yet): do not leave the connection open.
    await nc.close().catch(() => {});
    throw err;
  }
  const fanout = new LocalFanout();
  const sub = nc.subscribe(`${prefix}.>`);
  void (async () => {
    for await (const msg of sub) {
      try {
        const event = parseIncoming(msg.subject.slice(prefix.length + 1), codec.decode(msg.data));
        // A malformed message from elsewhere is dropped, not fatal.
        if (event) fanout.deliver(event.subject, event.payload);
      } catch {
        // Not JSON: dropped too.
      }
    }
  })();
  const js = nc.jetstream();
  let connected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === Events.Disconnect) connected = false;
      else if (s.type === Events.Reconnect) connected = true;
    }
  })().catch(() => {});
  let unacked = 0;
  let lost = 0;
  let warnedAt = 0;
  const failed = (subject: Subject, err: unknown) => {
    lost++;
    const now = Date.now();
    if (now - warnedAt < WARN_EVERY_MS) return;
    warnedAt = now;
    log.warn("NATS publish failed; events are not reaching other replicas", { subject, lost, error: String(err) });
    lost = 0;
  };
  return {
    kind: "nats",
    async publish<S extends Subject>(subject: S, payload: Payload<S>) {
      // A payload that does not match its schema is a programming error and still throws.
      const data = codec.encode(validatePayload(subject, payload));
      try {
        if (!DURABLE.includes(subject)) return nc.publish(`${prefix}.${subject}`, data);
        if (unacked >= MAX_UNACKED) return failed(subject, new Error(`${MAX_UNACKED} events await JetStream already`));
        unacked++;
        const stored = js.publish(`${prefix}.${subject}`, data).then(
          () => true,
          (err: unknown) => (failed(subject, err), false),
        );
        void stored.finally(() => unacked--);
        if (!connected) return;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([stored, new Promise((resolve) => (timer = setTimeout(resolve, ACK_WAIT_MS)))]).finally(() => clearTimeout(timer));
      } catch (err) {
        // A closed connection throws at once: the database stays the source of truth.
        failed(subject, err);
      }
    },
    subscribe: <S extends Subject>(subject: S | "*", handler: Handler<S>) => fanout.subscribe(subject, handler as Handler),
    async ping() {
      try {
        await nc.flush();
        return !nc.isClosed();
      } catch {
        return false;
      }
    },
    async close() {
      sub.unsubscribe();
      await nc.drain();
    },
  };
}

async function ensureStream(nc: NatsConnection, prefix: string) {
  const jsm = await nc.jetstreamManager();
  const name = `${prefix.replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase()}_EVENTS`;
  const config = {
    name,
    subjects: DURABLE.map((s) => `${prefix}.${s}`),
    retention: RetentionPolicy.Limits,
    max_age: 7 * 24 * 3600 * 1e9, // nanoseconds
  };
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, config);
  } catch {
    await jsm.streams.add(config);
  }
}
