import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { newPaperAccount, newUser } from "../support/client";
import { entry, sendAlert } from "../support/alerts";
import { openStream as openSse } from "../support/sse-client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const openStream = (token: string, lastEventId?: string) => openSse(app.url, token, lastEventId);

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
