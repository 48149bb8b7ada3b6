import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const optionalUrl = z.url({ message: "must be a URL such as https://host:port" }).optional();
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, { message: "must be 32 bytes encoded as base64 (openssl rand -base64 32)" });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "must be a postgres:// connection string" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** "off" behind a transaction-mode pooler (PgBouncer, Supabase port 6543), which cannot keep prepared statements. */
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  UNIFY_DATA_DIR: z.string().min(1).default("./data"),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, { message: "must be a nats:// URL" })
    .optional(),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { message: "may hold letters, digits, _ and - only" })
    .default("unify"),
  UNIFY_ENCRYPTION_KEY: base64Key.optional(),
  UNIFY_ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .refine((v) => !v || v.split(",").every((k) => Buffer.from(k.trim(), "base64").length === 32), {
      message: "must be a comma-separated list of 32-byte base64 keys",
    }),
  UNIFY_JWT_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  UNIFY_PUBLIC_URL: z.url().default("http://localhost:3000"),
  UNIFY_DEMO_SEED: z.enum(["true", "false"]).optional(),
  /** "off" disables the per-plan request rate limits (single-tenant installs, benchmarks). */
  UNIFY_PLAN_RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  UNIFY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", { message: "must start with sk_" }).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", { message: "must start with whsec_" }).optional(),
  STRIPE_PRICE_STARTER: z.string().optional(),
  STRIPE_PRICE_PRO: z.string().optional(),
  STRIPE_PRICE_ELITE: z.string().optional(),
  TRADELOCKER_BASE_URL: optionalUrl,
  PROJECTX_BASE_URL: optionalUrl,
  TRADOVATE_BASE_URL: optionalUrl,
  // Longer than the 2.5 s answer budget on purpose: a slow order call keeps going in the
  // background after the `pending` answer instead of being abandoned to the reconciler.
  BROKER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
});

export type Env = z.infer<typeof envSchema>;
export type Config = Env & {
  encryptionKey: Buffer;
  oldEncryptionKeys: Buffer[];
  jwtSecret: Uint8Array;
  embedded: boolean;
  dataDir: string;
};

/** Thrown when the environment is invalid; the message lists every bad variable. */
export class ConfigError extends Error {}

const SECRET_NAMES = Object.keys(envSchema.shape) as (keyof Env)[];

/** Docker secrets: /run/secrets/<NAME> (or lower-case name) fill variables the environment leaves unset. */
function readDockerSecrets(env: Record<string, string | undefined>, dir = "/run/secrets") {
  const out = { ...env };
  // Paths outside the project, read at run time: keep the bundler from tracing them.
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return out;
  for (const name of SECRET_NAMES) {
    if (out[name]) continue;
    for (const file of [name, name.toLowerCase()]) {
      const p = path.join(/*turbopackIgnore: true*/ dir, file);
      if (fs.existsSync(/*turbopackIgnore: true*/ p)) out[name] = fs.readFileSync(/*turbopackIgnore: true*/ p, "utf8").trim();
    }
  }
  return out;
}

/** Validates an environment object; throws ConfigError naming each bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

type LocalSecrets = { encryption_key: string; jwt_secret: string };

/** For the embedded default: secrets generated once and kept (mode 0600) in the data dir. */
function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    encryption_key: crypto.randomBytes(32).toString("base64"),
    jwt_secret: crypto.randomBytes(48).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Builds the full configuration from an environment. */
export function buildConfig(raw: Record<string, string | undefined>): Config {
  const env = parseEnv(readDockerSecrets(raw));
  const production = env.NODE_ENV === "production" && !!env.DATABASE_URL;
  if (production) {
    const missing = (["UNIFY_ENCRYPTION_KEY", "UNIFY_JWT_SECRET"] as const).filter((k) => !env[k]);
    if (missing.length) {
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((k) => `  - ${k}: required in production (with DATABASE_URL)`).join("\n")}`,
      );
    }
  }
  const dataDir = path.resolve(env.UNIFY_DATA_DIR);
  const needLocal = !env.UNIFY_ENCRYPTION_KEY || !env.UNIFY_JWT_SECRET;
  const local = needLocal ? localSecrets(dataDir) : undefined;
  return {
    ...env,
    embedded: !env.DATABASE_URL,
    dataDir,
    encryptionKey: Buffer.from(env.UNIFY_ENCRYPTION_KEY ?? local!.encryption_key, "base64"),
    oldEncryptionKeys: (env.UNIFY_ENCRYPTION_KEYS_OLD ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => Buffer.from(k, "base64")),
    jwtSecret: new TextEncoder().encode(env.UNIFY_JWT_SECRET ?? local!.jwt_secret),
  };
}

const store = globalThis as unknown as { __unifyConfig?: Config };

/** The process configuration, validated once on first use. */
export function config(): Config {
  store.__unifyConfig ??= buildConfig(process.env);
  return store.__unifyConfig;
}

/** Tests only: drop the cached configuration so a changed environment is read again. */
export function resetConfig() {
  store.__unifyConfig = undefined;
}
