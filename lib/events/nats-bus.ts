import { connect, JSONCodec, RetentionPolicy, type NatsConnection } from "nats";
import { LocalFanout, parseIncoming, validatePayload, type Bus, type Handler } from "./bus";
import type { Payload, Subject } from "./subjects";

const codec = JSONCodec();

// Subjects kept in JetStream (must not be lost: audit, billing, executions); the rest are live-only.
const DURABLE: Subject[] = ["trade.exec", "order.status", "risk.blocked", "billing.status", "audit.admin"];

/**
 * Events over NATS so every replica sees every event: each publish goes to NATS, and
 * each replica's subscription feeds its local fan-out (SSE streams, caches).
 */
export async function createNatsBus(url: string, prefix = "unify"): Promise<Bus> {
  const nc: NatsConnection = await connect({ servers: url.split(",").map((s) => s.trim()), name: prefix, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  await ensureStream(nc, prefix);
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
  return {
    kind: "nats",
    async publish<S extends Subject>(subject: S, payload: Payload<S>) {
      const data = codec.encode(validatePayload(subject, payload));
      if (DURABLE.includes(subject)) await js.publish(`${prefix}.${subject}`, data);
      else nc.publish(`${prefix}.${subject}`, data);
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
