import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { commentMatches, orderComment, orderIdFromComment } from "./order-comment";

describe("order comments", () => {
  test("every UUID fits MetaTrader's 31 characters and comes back unchanged", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const c = orderComment(id);
        expect(c).toHaveLength(31);
        expect(c).toMatch(/^unify:[0-9a-z]{25}$/);
        expect(orderIdFromComment(c)).toBe(id.toLowerCase());
      }),
    );
  });

  test("the extremes of the UUID range keep the fixed length", () => {
    expect(orderComment("00000000-0000-0000-0000-000000000000")).toBe(`unify:${"0".repeat(25)}`);
    expect(orderComment("ffffffff-ffff-ffff-ffff-ffffffffffff")).toHaveLength(31);
  });

  test("a broker's suffix on the comment still matches; other comments do not", () => {
    const id = crypto.randomUUID();
    const c = orderComment(id);
    expect(commentMatches(`${c}[sl]`, c)).toBe(true);
    expect(orderIdFromComment(`${c}[tp]`)).toBe(id);
    expect(commentMatches(orderComment(crypto.randomUUID()), c)).toBe(false);
    expect(commentMatches(undefined, c)).toBe(false);
    expect(orderIdFromComment("manual trade")).toBeNull();
  });

  test("non-UUID ids still give a 31-character comment", () => {
    expect(orderComment("not-a-uuid")).toHaveLength(31);
  });
});
