import { z } from "zod";
import { BROKER_IDS } from "@/brokers/types";
import { isValidAllowlistEntry } from "./ip-allowlist";

/** Accepted in the path as well: projectx = topstep, truforex = mt5. */
export const BROKER_ALIASES: Record<string, (typeof BROKER_IDS)[number]> = { projectx: "topstep", truforex: "mt5" };

export const brokerParam = z
  .string()
  .transform((b) => BROKER_ALIASES[b.toLowerCase()] ?? b.toLowerCase())
  .pipe(z.enum(BROKER_IDS, { message: `must be one of ${BROKER_IDS.join(", ")}` }));

const ipAllowlist = z
  .array(
    z
      .string()
      .trim()
      .max(64)
      .refine(isValidAllowlistEntry, { message: "must be an IP address, a CIDR range or the preset 'tradingview'" }),
  )
  .max(50);

const name = z.string().trim().min(1, { message: "is required" }).max(80);

export const createAccountBody = z.strictObject({
  broker: brokerParam,
  name,
  mode: z.enum(["demo", "live"]).default("demo"),
  credentials: z
    .record(z.string().max(64), z.union([z.string().max(1000), z.number().finite()]))
    .refine((r) => Object.keys(r).length <= 20, { message: "has too many fields" })
    .optional(),
  require_signature: z.boolean().default(false),
  ip_allowlist: ipAllowlist.default([]),
});
export type CreateAccountBody = z.infer<typeof createAccountBody>;

export const updateAccountBody = z
  .strictObject({
    name: name.optional(),
    enabled: z.boolean().optional(),
    require_signature: z.boolean().optional(),
    ip_allowlist: ipAllowlist.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one field to change" });
export type UpdateAccountBody = z.infer<typeof updateAccountBody>;

export const accountView = z.object({
  id: z.uuid(),
  broker: z.enum(BROKER_IDS),
  name: z.string(),
  mode: z.enum(["demo", "live"]),
  enabled: z.boolean(),
  status: z.string(),
  status_reason: z.string().nullable(),
  currency: z.string(),
  balance: z.number(),
  equity: z.number(),
  /** Margin in use: kept by the paper broker, as last synced for a remote broker. */
  margin: z.number(),
  api_key_masked: z.string().nullable(),
  require_signature: z.boolean(),
  ip_allowlist: z.array(z.string()),
  created_at: z.string(),
  last_sync: z.string().nullable(),
});
export type AccountView = z.infer<typeof accountView>;
