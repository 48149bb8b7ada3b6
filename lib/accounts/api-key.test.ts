import { describe, expect, test } from "vitest";
import { generateApiKey, hashApiKey, looksLikeApiKey, maskApiKey } from "./api-key";

describe("account API keys", () => {
  test("uk_demo_/uk_live_ plus at least 32 random characters, hashed and masked", () => {
    const demo = generateApiKey("demo");
    const live = generateApiKey("live");
    expect(demo.key).toMatch(/^uk_demo_[0-9A-Za-z]{40}$/);
    expect(live.key).toMatch(/^uk_live_[0-9A-Za-z]{40}$/);
    expect(looksLikeApiKey(demo.key)).toBe(true);
    expect(demo.hash).toBe(hashApiKey(demo.key));
    expect(demo.hash).not.toContain(demo.key.slice(8));
    expect(demo.masked).toBe(maskApiKey(demo.key));
    expect(demo.masked).toMatch(/^uk_demo_.{4}….{4}$/);
  });

  test("keys do not repeat", () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateApiKey("demo").key));
    expect(keys.size).toBe(500);
  });
});
