/**
 * AES-256-GCM decryption built only from single AES blocks — step for step what
 * UnifyBridgeCore.mqh does, because MQL's CryptEncode(CRYPT_AES256) offers AES-256-ECB and
 * nothing else. It exists so the algorithm the EA runs is proven here against Node's own
 * GCM (ea-gcm.test.ts), and so the test EA client opens sealed answers the EA's way.
 *
 * GCM (NIST SP 800-38D) with a 96-bit IV:
 *   H  = E(K, 0^128)                      the hash key
 *   J0 = IV || 0x00000001                 the pre-counter block
 *   P  = C xor E(K, inc32(J0)), E(K, inc32²(J0)), …   (CTR mode)
 *   S  = GHASH_H(A || pad || C || pad || len64(A) || len64(C))   (lengths in bits)
 *   T  = E(K, J0) xor S                   must equal the received tag
 */

/** Encrypts one 16-byte block (the EA: CryptEncode(CRYPT_AES256, block, key, out), first 16 bytes). */
export type AesBlock = (block: Uint8Array) => Uint8Array;

/** A GF(2^128) element as two 64-bit halves, big-endian (hi = bytes 0..7). */
type Gf = { hi: bigint; lo: bigint };

const MASK64 = (1n << 64n) - 1n;
// x^128 + x^7 + x^2 + x + 1 in GCM's reflected bit order: 11100001 followed by 120 zeros.
const R_HI = 0xe1n << 56n;

function toGf(block: Uint8Array): Gf {
  let hi = 0n;
  let lo = 0n;
  for (let i = 0; i < 8; i++) hi = (hi << 8n) | BigInt(block[i]);
  for (let i = 8; i < 16; i++) lo = (lo << 8n) | BigInt(block[i]);
  return { hi, lo };
}

/** Multiplication in GCM's field (SP 800-38D algorithm 1): 128 shift-and-add rounds, as the EA loops. */
export function gfMultiply(x: Gf, y: Gf): Gf {
  let zHi = 0n;
  let zLo = 0n;
  let vHi = y.hi;
  let vLo = y.lo;
  for (let i = 0; i < 128; i++) {
    const bit = i < 64 ? (x.hi >> BigInt(63 - i)) & 1n : (x.lo >> BigInt(127 - i)) & 1n;
    if (bit) {
      zHi ^= vHi;
      zLo ^= vLo;
    }
    const carry = vLo & 1n;
    vLo = ((vLo >> 1n) | ((vHi & 1n) << 63n)) & MASK64;
    vHi = vHi >> 1n;
    if (carry) vHi ^= R_HI;
  }
  return { hi: zHi, lo: zLo };
}

/** GHASH over data zero-padded to whole blocks, folded into the running value y. */
function ghashBlocks(h: Gf, y: Gf, data: Uint8Array): Gf {
  for (let off = 0; off < data.length; off += 16) {
    const block = new Uint8Array(16);
    block.set(data.subarray(off, Math.min(off + 16, data.length)));
    const x = toGf(block);
    y = gfMultiply({ hi: y.hi ^ x.hi, lo: y.lo ^ x.lo }, h);
  }
  return y;
}

/** The counter block after adding n to the last 32 bits of j0 (mod 2^32), as inc32 does. */
function counterBlock(j0: Uint8Array, n: number): Uint8Array {
  const block = Uint8Array.from(j0);
  const view = new DataView(block.buffer);
  view.setUint32(12, (view.getUint32(12) + n) >>> 0);
  return block;
}

/**
 * Decrypts and verifies an AES-256-GCM ciphertext with a 12-byte IV and 16-byte tag using
 * only `aes` (one block at a time). Returns null when the tag does not match — the EA
 * then ignores the answer.
 */
export function gcmDecryptWithBlocks(aes: AesBlock, iv: Uint8Array, ct: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array | null {
  if (iv.length !== 12 || tag.length !== 16) return null;
  const h = toGf(aes(new Uint8Array(16)));
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;

  let s = ghashBlocks(h, { hi: 0n, lo: 0n }, aad);
  s = ghashBlocks(h, s, ct);
  const lengths = new Uint8Array(16);
  const lv = new DataView(lengths.buffer);
  lv.setBigUint64(0, BigInt(aad.length) * 8n);
  lv.setBigUint64(8, BigInt(ct.length) * 8n);
  s = ghashBlocks(h, s, lengths);

  const ej0 = aes(j0);
  let diff = 0;
  for (let i = 0; i < 16; i++) {
    const sByte = Number(i < 8 ? (s.hi >> BigInt(56 - 8 * i)) & 0xffn : (s.lo >> BigInt(120 - 8 * i)) & 0xffn);
    diff |= (ej0[i] ^ sByte) ^ tag[i];
  }
  if (diff !== 0) return null;

  const out = new Uint8Array(ct.length);
  for (let off = 0, n = 1; off < ct.length; off += 16, n++) {
    const keystream = aes(counterBlock(j0, n));
    for (let i = 0; i < 16 && off + i < ct.length; i++) out[off + i] = ct[off + i] ^ keystream[i];
  }
  return out;
}
