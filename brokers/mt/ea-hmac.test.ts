import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { hmacSha256FromHash, toHex } from "./ea-hmac";

describe("HMAC-SHA256 built on SHA-256 (the EA's signature)", () => {
  test("equals Node's HMAC-SHA256 for keys shorter than, equal to and longer than a block", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 300 }), (key, message) => {
        const expected = crypto.createHmac("sha256", key).update(message).digest("hex");
        expect(toHex(hmacSha256FromHash(key, message))).toBe(expected);
      }),
    );
  });

  test("RFC 4231 test case 2", () => {
    const mac = hmacSha256FromHash(Buffer.from("Jefe"), Buffer.from("what do ya want for nothing?"));
    expect(toHex(mac)).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });
});
