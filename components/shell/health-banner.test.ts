import { describe, expect, test } from "vitest";
import { describeHealth } from "./health-banner";

const operational = { paper: "operational", tradovate: "operational" };

describe("the health banner's words", () => {
  test("green when healthy and the live connection is up", () => {
    expect(describeHealth({ status: "healthy", brokers: operational }, "open")).toEqual({ tone: "ok", text: "All systems operational." });
  });

  test("yellow naming the broker that is down and what it means for alerts", () => {
    const h = describeHealth({ status: "degraded", brokers: { ...operational, tradovate: "down" }, bus: "ok" }, "open");
    expect(h.tone).toBe("warn");
    expect(h.text).toContain("Tradovate is down");
    expect(h.text).toContain("Alerts for Tradovate may fail");
  });

  test("red when the database is unreachable", () => {
    const h = describeHealth({ status: "down", brokers: operational, db: "down" }, "open");
    expect(h.tone).toBe("down");
    expect(h.text).toContain("database is unreachable");
  });

  test("yellow when the live stream is reconnecting, so stale numbers are not taken for live ones", () => {
    expect(describeHealth({ status: "healthy", brokers: operational }, "reconnecting").tone).toBe("warn");
  });
});
