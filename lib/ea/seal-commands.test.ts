import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { openAnswer, sealAad, sealAnswer, sealKey, SEAL_KEY_LABEL } from "./seal-commands";

const secret = "ued_0123456789abcdefghijABCDEFGHIJ0123456789x";

describe("sealed poll answers", () => {
  test("the key is HMAC-SHA256(device secret, label): 32 bytes, as the EA derives it", () => {
    const key = sealKey(secret);
    expect(key).toHaveLength(32);
    expect(key.equals(crypto.createHmac("sha256", secret).update(SEAL_KEY_LABEL).digest())).toBe(true);
    expect(key.equals(sealKey(`${secret}x`))).toBe(false);
  });

  test("seal then open gives the answer back; iv is 12 bytes and tag 16, base64", () => {
    const text = '{"commands":[{"command_id":"c","action":"open"}]}';
    const aad = sealAad("dev", 1_760_000_000);
    const sealed = sealAnswer(text, secret, aad);
    expect(Buffer.from(sealed.sealed.iv, "base64")).toHaveLength(12);
    expect(Buffer.from(sealed.sealed.tag, "base64")).toHaveLength(16);
    expect(sealed.sealed.ct).not.toContain("command_id");
    expect(openAnswer(sealed, secret, aad)).toBe(text);
  });

  test("an answer opens only for the poll it answers and only with the device's secret", () => {
    const sealed = sealAnswer('{"commands":[]}', secret, sealAad("dev", 100));
    expect(() => openAnswer(sealed, secret, sealAad("dev", 101))).toThrow();
    expect(() => openAnswer(sealed, secret, sealAad("other", 100))).toThrow();
    expect(() => openAnswer(sealed, `${secret}x`, sealAad("dev", 100))).toThrow();
  });

  test("every answer gets a fresh iv", () => {
    const a = sealAnswer("{}", secret, "x");
    const b = sealAnswer("{}", secret, "x");
    expect(a.sealed.iv).not.toBe(b.sealed.iv);
  });
});
