import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { holdsLeadership, releaseLeadership } from "../../lib/db/leader";

// Leadership is a session advisory lock on Postgres (PGlite is one process: always leader).
describe.runIf(!!process.env.DATABASE_URL)("leadership of singleton jobs", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    releaseLeadership();
    await app.close();
  });

  test("a leader whose lock session stops answering steps down, and leads again on a fresh session", async () => {
    const lock = 4242999;
    expect(await holdsLeadership(lock)).toBe(true);
    const state = (globalThis as unknown as { __unifyLeader: { client: { query: () => Promise<unknown> }; checkedAt: number } }).__unifyLeader;
    // The session dies without an error event (a silent network drop): queries never answer.
    state.client.query = () => new Promise(() => {});
    state.checkedAt = 0;
    expect(await holdsLeadership(lock)).toBe(false);
    // The dead session was destroyed, so its lock is free: the next try takes it on a new one.
    expect(await holdsLeadership(lock)).toBe(true);
  });
});
