import { LocalFanout, validatePayload, type Bus, type Handler } from "./bus";
import type { Payload, Subject } from "./subjects";

/** The embedded default: events stay in this process. */
export function createMemoryBus(): Bus {
  const fanout = new LocalFanout();
  return {
    kind: "memory",
    async publish<S extends Subject>(subject: S, payload: Payload<S>) {
      fanout.deliver(subject, validatePayload(subject, payload));
    },
    subscribe: <S extends Subject>(subject: S | "*", handler: Handler<S>) => fanout.subscribe(subject, handler as Handler),
    ping: async () => true,
    close: async () => {},
  };
}
