//+------------------------------------------------------------------+
//| UnifyCrypto.mqh — part of UnifyBridge (MetaTrader 4 and 5)       |
//|                                                                  |
//| Bytes, HMAC-SHA256 and AES-256-GCM decryption for the bridge.    |
//| MQL offers SHA-256 and AES-256-ECB (CryptEncode) but neither     |
//| HMAC nor GCM, so both are built here on top of them. The         |
//| TypeScript twins, tested against Node's crypto, are              |
//| brokers/mt/ea-hmac.ts and brokers/mt/ea-gcm.ts.                  |
//+------------------------------------------------------------------+
#ifndef UNIFY_CRYPTO_MQH
#define UNIFY_CRYPTO_MQH

//+------------------------------------------------------------------+
//| Strings and bytes                                                |
//+------------------------------------------------------------------+
// UTF-8 bytes of a string WITHOUT the terminating zero StringToCharArray appends:
// the signature covers exactly the bytes sent.
int UnifyUtf8(const string text, uchar &out[])
  {
   ArrayResize(out, 0);
   if(StringLen(text) == 0)
      return 0;
   int n = StringToCharArray(text, out, 0, -1, CP_UTF8);
   if(n > 0 && out[n - 1] == 0)
      n--;
   ArrayResize(out, n);
   return n;
  }

string UnifyHex(const uchar &bytes[])
  {
   string digits = "0123456789abcdef";
   string hex = "";
   for(int i = 0; i < ArraySize(bytes); i++)
      hex += StringSubstr(digits, bytes[i] >> 4, 1) + StringSubstr(digits, bytes[i] & 0x0F, 1);
   return hex;
  }

int UnifyHexValue(const ushort c)
  {
   if(c >= '0' && c <= '9')
      return c - '0';
   if(c >= 'a' && c <= 'f')
      return c - 'a' + 10;
   if(c >= 'A' && c <= 'F')
      return c - 'A' + 10;
   return -1;
  }

// StringTrimLeft/Right differ between MQL4 (returns) and MQL5 (in place), so one of our own.
string UnifyTrim(const string text)
  {
   int start = 0;
   int end = StringLen(text);
   while(start < end && StringGetCharacter(text, start) <= ' ')
      start++;
   while(end > start && StringGetCharacter(text, end - 1) <= ' ')
      end--;
   return StringSubstr(text, start, end - start);
  }

//+------------------------------------------------------------------+
//| SHA-256 and HMAC-SHA256 (RFC 2104)                               |
//+------------------------------------------------------------------+
bool UnifySha256(const uchar &data[], uchar &digest[])
  {
   uchar noKey[];
   return CryptEncode(CRYPT_HASH_SHA256, data, noKey, digest) == 32;
  }

bool UnifyHmacSha256(const uchar &key[], const uchar &message[], uchar &mac[])
  {
   uchar k[64];
   for(int i = 0; i < 64; i++)
      k[i] = 0;
   int keyLen = ArraySize(key);
   if(keyLen > 64)
     {
      // Keys longer than the 64-byte block are hashed first (device secrets are 47 bytes).
      uchar hashed[];
      if(!UnifySha256(key, hashed))
         return false;
      for(int i = 0; i < 32; i++)
         k[i] = hashed[i];
     }
   else
     {
      for(int i = 0; i < keyLen; i++)
         k[i] = key[i];
     }

   int n = ArraySize(message);
   uchar inner[];
   ArrayResize(inner, 64 + n);
   for(int i = 0; i < 64; i++)
      inner[i] = (uchar)(k[i] ^ 0x36);
   for(int i = 0; i < n; i++)
      inner[64 + i] = message[i];
   uchar innerHash[];
   if(!UnifySha256(inner, innerHash))
      return false;

   uchar outer[];
   ArrayResize(outer, 96);
   for(int i = 0; i < 64; i++)
      outer[i] = (uchar)(k[i] ^ 0x5C);
   for(int i = 0; i < 32; i++)
      outer[64 + i] = innerHash[i];
   return UnifySha256(outer, mac);
  }

//+------------------------------------------------------------------+
//| AES-256-GCM decryption from AES-256-ECB blocks (NIST SP 800-38D) |
//| CryptEncode(CRYPT_AES256) is ECB with zero padding and no IV, so |
//| a 16-byte input is exactly one AES block: E(K, block).           |
//+------------------------------------------------------------------+
bool UnifyAesBlock(const uchar &key[], const uchar &block[], uchar &out[])
  {
   uchar result[];
   if(CryptEncode(CRYPT_AES256, block, key, result) < 16)
      return false;
   ArrayResize(out, 16);
   for(int i = 0; i < 16; i++)
      out[i] = result[i];
   return true;
  }

ulong UnifyGetU64(const uchar &bytes[], const int offset)
  {
   ulong v = 0;
   for(int i = 0; i < 8; i++)
      v = (v << 8) | (ulong)bytes[offset + i];
   return v;
  }

void UnifyPutU64(ulong v, uchar &bytes[], const int offset)
  {
   for(int i = 7; i >= 0; i--)
     {
      bytes[offset + i] = (uchar)(v & 0xFF);
      v >>= 8;
     }
  }

// x = x * h in GF(2^128) with GCM's bit order (SP 800-38D, algorithm 1).
void UnifyGfMultiply(ulong &xHi, ulong &xLo, const ulong hHi, const ulong hLo)
  {
   ulong r = ((ulong)0xE1) << 56;
   ulong zHi = 0, zLo = 0;
   ulong vHi = hHi, vLo = hLo;
   for(int i = 0; i < 128; i++)
     {
      ulong bit = (i < 64) ? ((xHi >> (63 - i)) & 1) : ((xLo >> (127 - i)) & 1);
      if(bit != 0)
        {
         zHi ^= vHi;
         zLo ^= vLo;
        }
      bool carry = ((vLo & 1) != 0);
      vLo = (vLo >> 1) | (vHi << 63);
      vHi = vHi >> 1;
      if(carry)
         vHi ^= r;
     }
   xHi = zHi;
   xLo = zLo;
  }

// Folds data, zero-padded to whole 16-byte blocks, into the GHASH value y.
void UnifyGhash(ulong &yHi, ulong &yLo, const ulong hHi, const ulong hLo, const uchar &data[])
  {
   uchar block[16];
   int n = ArraySize(data);
   for(int offset = 0; offset < n; offset += 16)
     {
      for(int i = 0; i < 16; i++)
         block[i] = (uchar)((offset + i < n) ? data[offset + i] : 0);
      yHi ^= UnifyGetU64(block, 0);
      yLo ^= UnifyGetU64(block, 8);
      UnifyGfMultiply(yHi, yLo, hHi, hLo);
     }
  }

// The counter block inc32^n(J0): J0's last 32 bits plus n, modulo 2^32.
void UnifyCounterBlock(const uchar &j0[], const uint n, uchar &out[])
  {
   for(int i = 0; i < 12; i++)
      out[i] = j0[i];
   uint c = ((uint)j0[12] << 24) | ((uint)j0[13] << 16) | ((uint)j0[14] << 8) | (uint)j0[15];
   c += n;
   out[12] = (uchar)((c >> 24) & 0xFF);
   out[13] = (uchar)((c >> 16) & 0xFF);
   out[14] = (uchar)((c >> 8) & 0xFF);
   out[15] = (uchar)(c & 0xFF);
  }

// Verifies the tag, then decrypts. False (and no plaintext) when anything was altered.
bool UnifyGcmOpen(const uchar &key[], const uchar &iv[], const uchar &ct[], const uchar &tag[], const uchar &aad[], uchar &plain[])
  {
   if(ArraySize(iv) != 12 || ArraySize(tag) != 16 || ArraySize(key) != 32)
      return false;
   uchar zero[16];
   for(int i = 0; i < 16; i++)
      zero[i] = 0;
   uchar hBlock[];
   if(!UnifyAesBlock(key, zero, hBlock))
      return false;
   ulong hHi = UnifyGetU64(hBlock, 0);
   ulong hLo = UnifyGetU64(hBlock, 8);

   uchar j0[16];
   for(int i = 0; i < 12; i++)
      j0[i] = iv[i];
   j0[12] = 0;
   j0[13] = 0;
   j0[14] = 0;
   j0[15] = 1;

   ulong sHi = 0, sLo = 0;
   UnifyGhash(sHi, sLo, hHi, hLo, aad);
   UnifyGhash(sHi, sLo, hHi, hLo, ct);
   uchar lengths[16];
   UnifyPutU64((ulong)ArraySize(aad) * 8, lengths, 0);
   UnifyPutU64((ulong)ArraySize(ct) * 8, lengths, 8);
   UnifyGhash(sHi, sLo, hHi, hLo, lengths);

   uchar ej0[];
   if(!UnifyAesBlock(key, j0, ej0))
      return false;
   uchar s[16];
   UnifyPutU64(sHi, s, 0);
   UnifyPutU64(sLo, s, 8);
   int diff = 0;
   for(int i = 0; i < 16; i++)
      diff |= (ej0[i] ^ s[i]) ^ tag[i];
   if(diff != 0)
      return false;

   int n = ArraySize(ct);
   ArrayResize(plain, n);
   uchar counter[16];
   uchar keystream[];
   uint blockNumber = 1;
   for(int offset = 0; offset < n; offset += 16)
     {
      UnifyCounterBlock(j0, blockNumber, counter);
      blockNumber++;
      if(!UnifyAesBlock(key, counter, keystream))
         return false;
      for(int i = 0; i < 16 && offset + i < n; i++)
         plain[offset + i] = (uchar)(ct[offset + i] ^ keystream[i]);
     }
   return true;
  }

bool UnifyBase64Decode(const string text, uchar &out[])
  {
   uchar source[], noKey[];
   if(UnifyUtf8(text, source) == 0)
      return false;
   return CryptDecode(CRYPT_BASE64, source, noKey, out) > 0;
  }

#endif // UNIFY_CRYPTO_MQH
