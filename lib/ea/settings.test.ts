import { describe, expect, test } from "vitest";
import { eaSettings } from "./settings";

describe("EA bridge settings", () => {
  test("defaults: 30 s command timeout, 30 s pending grace, offline after 10 s, 2 s ack wait", () => {
    expect(eaSettings({})).toEqual({ commandTimeoutMs: 30_000, pendingGraceMs: 30_000, offlineAfterMs: 10_000, ackWaitMs: 2_000 });
  });

  test("values come from the environment; a bad one names its variable", () => {
    expect(eaSettings({ UNIFY_EA_COMMAND_TIMEOUT_MS: "5000", UNIFY_EA_OFFLINE_AFTER_MS: "20000" })).toMatchObject({ commandTimeoutMs: 5_000, offlineAfterMs: 20_000 });
    expect(() => eaSettings({ UNIFY_EA_OFFLINE_AFTER_MS: "10" })).toThrow(/UNIFY_EA_OFFLINE_AFTER_MS/);
    expect(() => eaSettings({ UNIFY_EA_ACK_WAIT_MS: "soon" })).toThrow(/UNIFY_EA_ACK_WAIT_MS/);
  });
});
