import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { keyId, open, seal } from "./envelope";

const ring = (current: Buffer, ...old: Buffer[]) => ({ current, byId: new Map([current, ...old].map((k) => [keyId(k), k])) });

describe("AES-256-GCM envelope", () => {
  const k1 = crypto.randomBytes(32);
  const k2 = crypto.randomBytes(32);

  test("round-trips any string and never contains the plaintext", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), (s) => {
        const env = seal(s, "aad", ring(k1));
        expect(open(env, "aad", ring(k1))).toBe(s);
        expect(JSON.stringify(env)).not.toContain(s);
      }),
    );
  });

  test("carries the key id, so an old key still opens after rotation", () => {
    const env = seal("secret", "", ring(k1));
    expect(env.kid).toBe(keyId(k1));
    expect(open(env, "", ring(k2, k1))).toBe("secret");
    expect(() => open(env, "", ring(k2))).toThrow(/no configured encryption key/);
  });

  test("rejects a tampered ciphertext or a different purpose (aad)", () => {
    const env = seal("secret", "account:a", ring(k1));
    expect(() => open(env, "account:b", ring(k1))).toThrow();
    const ct = Buffer.from(env.ct, "base64");
    ct[0] ^= 1;
    expect(() => open({ ...env, ct: ct.toString("base64") }, "account:a", ring(k1))).toThrow();
  });
});
