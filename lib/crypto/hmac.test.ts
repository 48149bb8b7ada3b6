import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseSignatureHeader, signPayload, verifySignature } from "./hmac";

describe("webhook signatures", () => {
  test("a signature made with the secret verifies within the window", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -300, max: 300 }), (body, skew) => {
        const t = 1_760_000_000;
        const header = signPayload("s3cret", body, t);
        expect(verifySignature("s3cret", header, body, t + skew).ok).toBe(true);
      }),
    );
  });

  test("outside five minutes it is expired; another body or secret is invalid", () => {
    const t = 1_760_000_000;
    const header = signPayload("s3cret", "{}", t);
    expect(verifySignature("s3cret", header, "{}", t + 301)).toEqual({ ok: false, code: "signature_expired" });
    expect(verifySignature("s3cret", header, "{ }", t)).toEqual({ ok: false, code: "invalid_signature" });
    expect(verifySignature("other", header, "{}", t)).toEqual({ ok: false, code: "invalid_signature" });
  });

  test("malformed headers are rejected", () => {
    for (const h of ["", "t=1", "v1=abc", "t=x,v1=" + "a".repeat(64), "t=1,v1=zz"]) expect(parseSignatureHeader(h)).toBeNull();
  });
});
