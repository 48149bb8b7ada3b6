import { describe, expect, it } from "vitest";
import { createDeferredBus } from "./deferred-bus";
import { createMemoryBus } from "./memory-bus";
import type { Bus } from "./bus";

const health = (status: "healthy" | "down") => ({ user_id: null, at: new Date(0).toISOString(), status, brokers: {} });

describe("createDeferredBus", () => {
  it("delivers here while NATS is unreachable, then moves publishes and earlier subscriptions to it", async () => {
    let attempts = 0;
    const remote: Bus = createMemoryBus();
    const published: string[] = [];
    const inner: Bus = { ...remote, kind: "nats", publish: async (s, p) => (published.push(s), remote.publish(s, p)) };
    const bus = createDeferredBus(async () => {
      if (++attempts < 3) throw new Error("CONNECTION_REFUSED");
      return inner;
    }, 5);
    await bus.firstAttempt;
    const seen: string[] = [];
    bus.subscribe("ops.health", (e) => seen.push(e.payload.status));

    await bus.publish("ops.health", health("down"));
    expect(seen).toEqual(["down"]);
    expect(await bus.ping()).toBe(false);
    expect(published).toEqual([]);

    await expect.poll(() => bus.ping()).toBe(true);
    await bus.publish("ops.health", health("healthy"));
    expect(published).toEqual(["ops.health"]);
    expect(seen).toEqual(["down", "healthy"]);
    expect(attempts).toBe(3);
    await bus.close();
  });

  it("a malformed payload still throws outside production", async () => {
    const bus = createDeferredBus(async () => {
      throw new Error("down");
    }, 60_000);
    await bus.firstAttempt;
    await expect(bus.publish("ops.health", { ...health("down"), status: "odd" } as never)).rejects.toThrow();
    await bus.close();
  });
});
