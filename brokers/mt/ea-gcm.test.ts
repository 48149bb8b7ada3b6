import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { gcmDecryptWithBlocks, type AesBlock } from "./ea-gcm";

/** What CryptEncode(CRYPT_AES256, block16, key32, out) computes: AES-256-ECB on one block, no padding. */
const ecbBlock =
  (key: Buffer): AesBlock =>
  (block) => {
    const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
    cipher.setAutoPadding(false);
    return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
  };

function nodeSeal(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer) {
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ct, tag: cipher.getAuthTag() };
}

describe("AES-256-GCM from AES-ECB blocks (the EA's decryption)", () => {
  test("opens whatever Node's AES-256-GCM seals, for any length of plaintext and AAD", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 70 }),
        (key, iv, plaintext, aad) => {
          const k = Buffer.from(key);
          const { ct, tag } = nodeSeal(k, Buffer.from(iv), Buffer.from(plaintext), Buffer.from(aad));
          const opened = gcmDecryptWithBlocks(ecbBlock(k), iv, ct, tag, aad);
          expect(opened && Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("NIST SP 800-38D test case 16 (AES-256, 96-bit IV, with AAD)", () => {
    const key = Buffer.from("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "hex");
    const iv = Buffer.from("cafebabefacedbaddecaf888", "hex");
    const aad = Buffer.from("feedfacedeadbeeffeedfacedeadbeefabaddad2", "hex");
    const ct = Buffer.from(
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
      "hex",
    );
    const tag = Buffer.from("76fc6ece0f4e1768cddf8853bb2d551b", "hex");
    const plain = gcmDecryptWithBlocks(ecbBlock(key), iv, ct, tag, aad);
    expect(Buffer.from(plain!).toString("hex")).toBe(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
    );
  });

  test("a flipped bit in the ciphertext, tag or AAD is refused", () => {
    const key = crypto.randomBytes(32);
    const iv = crypto.randomBytes(12);
    const aad = Buffer.from("device.1760000000");
    const { ct, tag } = nodeSeal(key, iv, Buffer.from('{"commands":[]}'), aad);
    const flip = (b: Buffer, i: number) => {
      const c = Buffer.from(b);
      c[i] ^= 1;
      return c;
    };
    expect(gcmDecryptWithBlocks(ecbBlock(key), iv, flip(ct, 3), tag, aad)).toBeNull();
    expect(gcmDecryptWithBlocks(ecbBlock(key), iv, ct, flip(tag, 15), aad)).toBeNull();
    expect(gcmDecryptWithBlocks(ecbBlock(key), iv, ct, tag, Buffer.from("device.1760000001"))).toBeNull();
  });
});
