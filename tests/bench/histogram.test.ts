import { describe, expect, test } from "vitest";
import { diffBuckets, histogramBuckets, quantile } from "./histogram";

const text = `webhook_latency_seconds_bucket{le="0.001",broker="paper",outcome="accepted"} 50
webhook_latency_seconds_bucket{le="0.002",broker="paper",outcome="accepted"} 90
webhook_latency_seconds_bucket{le="+Inf",broker="paper",outcome="accepted"} 100
webhook_latency_seconds_bucket{le="0.001",broker="paper",outcome="rejected"} 5`;

describe("histogram quantiles", () => {
  test("filters labels, interpolates inside the bucket", () => {
    const b = histogramBuckets(text, "webhook_latency_seconds", (l) => l.includes('outcome="accepted"'));
    expect(quantile(b, 0.5)).toBeCloseTo(0.001, 6);
    expect(quantile(b, 0.7)).toBeCloseTo(0.0015, 6);
    expect(quantile(diffBuckets(b, new Map([[0.001, 50], [0.002, 50], [Infinity, 50]])), 0.5)).toBeGreaterThan(0.001);
    expect(quantile(new Map(), 0.5)).toBeNull();
  });
});
