import { describe, expect, test } from "vitest";
import { BrokerError } from "@/brokers/types";
import { withSession } from "./session-call";

function session() {
  let n = 0;
  const invalidated: string[] = [];
  return {
    invalidated,
    logins: () => n,
    token: async () => `t${++n}`,
    invalidate: (t: string) => invalidated.push(t),
  };
}

describe("withSession", () => {
  test("re-logs in once and retries the call once after a 401", async () => {
    const s = session();
    const seen: string[] = [];
    const result = await withSession(s, "Broker", async (token) => {
      seen.push(token);
      if (token === "t1") throw new BrokerError("expired", "unauthorized");
      return "done";
    });
    expect(result).toBe("done");
    expect(seen).toEqual(["t1", "t2"]);
    expect(s.invalidated).toEqual(["t1"]);
  });

  test("a second 401 becomes a readable unauthorized error, no third attempt", async () => {
    const s = session();
    let calls = 0;
    const run = withSession(s, "Broker", async () => {
      calls++;
      throw new BrokerError("no", "unauthorized");
    });
    await expect(run).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringContaining("reconnect") });
    expect(calls).toBe(2);
  });

  test("other errors pass through without a re-login", async () => {
    const s = session();
    await expect(withSession(s, "Broker", async () => Promise.reject(new BrokerError("down", "unavailable")))).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(s.logins()).toBe(1);
  });
});
