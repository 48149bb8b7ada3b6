import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type SseEvent = { id?: string; event?: string; data?: Record<string, unknown> };

/** Opens /stream like a browser's EventSource and collects parsed events. */
async function openStream(token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/unify/v1/stream`, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const e: SseEvent = {};
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) e.id = line.slice(4);
            else if (line.startsWith("event: ")) e.event = line.slice(7);
            else if (line.startsWith("data: ")) e.data = JSON.parse(line.slice(6));
          }
          if (e.event) events.push(e);
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (pred: (e: SseEvent) => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const hit = events.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching event; got ${JSON.stringify(events.map((e) => e.event))}`);
  };
  return { res, events, waitFor, close: () => controller.abort() };
}

describe("GET /stream (Server-Sent Events)", () => {
  test("sends only the user's own events, and resumes with Last-Event-ID", async () => {
    const a = await newUser(app);
    const b = await newUser(app);
    const accA = await newPaperAccount(app, a);
    const accB = await newPaperAccount(app, b);
    const streamA = await openStream(a.token);
    expect(streamA.res.headers.get("content-type")).toContain("text/event-stream");
    const streamB = await openStream(b.token);
    await new Promise((r) => setTimeout(r, 100));

    await sendAlert(app, "paper", entry(accA.api_key, { qty: 0.1 }));
    const pos = await streamA.waitFor((e) => e.event === "position");
    expect(pos.data).toMatchObject({ position: { account_id: accA.id, symbol: "EURUSD", status: "open" } });
    await streamA.waitFor((e) => e.event === "order");
    await streamA.waitFor((e) => e.event === "webhook");
    expect(streamB.events.filter((e) => e.event !== "health")).toHaveLength(0);

    const lastSeen = streamA.events[streamA.events.length - 1].id!;
    streamA.close();
    await sendAlert(app, "paper", entry(accA.api_key, { qty: 0.2 }));
    await sendAlert(app, "paper", entry(accB.api_key, { qty: 0.3 }));
    const resumed = await openStream(a.token, lastSeen);
    const missed = await resumed.waitFor((e) => e.event === "order" && (e.data?.order as { qty: number }).qty === 0.2);
    expect(missed.id).not.toBe(lastSeen);
    expect(resumed.events.some((e) => (e.data?.order as { qty?: number } | undefined)?.qty === 0.3)).toBe(false);
    resumed.close();
    streamB.close();
  });

  test("without a session → 401", async () => {
    const res = await fetch(`${app.url}/api/unify/v1/stream`);
    expect(res.status).toBe(401);
  });
});
