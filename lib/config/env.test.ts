import { describe, expect, test } from "vitest";
import { buildConfig, ConfigError, parseEnv } from "./env";

describe("configuration", () => {
  test("defaults: embedded database, data dir, info logs", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.UNIFY_DATA_DIR).toBe("./data");
  });

  test("names every bad variable in one message", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", UNIFY_ENCRYPTION_KEY: "short", METRICS_TOKEN: "x", NATS_URL: "http://x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const name of ["DATABASE_URL", "UNIFY_ENCRYPTION_KEY", "METRICS_TOKEN", "NATS_URL"]) expect(msg).toContain(name);
    }
  });

  test("production with a database requires real secrets", () => {
    expect(() => buildConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y" })).toThrow(/UNIFY_ENCRYPTION_KEY.*required/s);
  });
});
