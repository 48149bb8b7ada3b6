import { describe, expect, test } from "vitest";
import { scrubSecrets } from "./redact";

describe("scrubSecrets", () => {
  test("removes every credential value a broker echoes back", () => {
    const creds = { email: "trader@x.test", password: "Hunter2-Secret", server: "DEMO" };
    expect(scrubSecrets("Invalid password Hunter2-Secret for trader@x.test", creds)).toBe("Invalid password [redacted] for [redacted]");
  });

  test("leaves short values alone (they would mangle ordinary words) and caps the length", () => {
    expect(scrubSecrets("the server said no", { server: "the" })).toBe("the server said no");
    expect(scrubSecrets("x".repeat(500), null)).toHaveLength(300);
  });
});
