import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { bucketSeconds, lastPerBucket } from "./bucket-series";

const DAY = 86_400_000;

describe("bucketSeconds", () => {
  test("a day at 500 points → 5-minute buckets; a year → 1 day; an hour → 15 s", () => {
    expect(bucketSeconds(DAY, 500)).toBe(300);
    expect(bucketSeconds(365 * DAY, 500)).toBe(86_400);
    expect(bucketSeconds(3_600_000, 500)).toBe(15);
    expect(bucketSeconds(0, 500)).toBe(1);
  });

  test("any span up to 40 years fits in the point budget, with the opening point", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 365 * DAY }), fc.integer({ min: 50, max: 5_000 }), (span, max) => {
        const step = bucketSeconds(span, max);
        expect(Math.ceil(span / (step * 1000)) + 1).toBeLessThanOrEqual(max - 1);
      }),
    );
  });
});

describe("lastPerBucket", () => {
  test("keeps the last point of each epoch-aligned bucket, with its real time", () => {
    const pts = [0, 10_000, 59_999, 60_000, 61_000, 200_000].map((t, i) => ({ t, v: i }));
    expect(lastPerBucket(pts, 60)).toEqual([
      { t: 59_999, v: 2 },
      { t: 61_000, v: 4 },
      { t: 200_000, v: 5 },
    ]);
  });

  test("one point per occupied bucket, in time order, always ending with the last point", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 300 }), fc.constantFrom(1, 60, 300, 3600), (ts, step) => {
        const pts = [...new Set(ts)].sort((a, b) => a - b).map((t) => ({ t }));
        const out = lastPerBucket(pts, step);
        expect(out.length).toBe(new Set(pts.map((p) => Math.floor(p.t / (step * 1000)))).size);
        expect(out[out.length - 1]).toEqual(pts[pts.length - 1]);
        for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
      }),
    );
  });
});
