import { z } from "zod";

export const ACTIONS = ["entry", "exit", "exit_all", "cancel", "reverse"] as const;
export const SIDES = ["buy", "sell"] as const;
export const ORDER_TYPES = ["market", "limit", "stop"] as const;
export const QTY_MODES = ["fixed", "risk_pct", "risk_usd", "cash", "pct_equity"] as const;
export const SL_MODES = ["price", "pips", "points", "pct"] as const;
export const TP_MODES = ["price", "pips", "points", "pct", "rr"] as const;
export const TRAILING_MODES = ["pips", "points", "pct"] as const;

const positive = z.number({ message: "must be a number" }).positive({ message: "must be greater than 0" }).finite();

export const intentSchema = z
  .strictObject({
    account_id: z.uuid({ message: "must be a UUID" }).optional(),
    action: z.enum(ACTIONS).default("entry"),
    side: z.enum(SIDES).optional(),
    type: z.enum(ORDER_TYPES).default("market"),
    symbol: z
      .string()
      .trim()
      .min(1, { message: "is required" })
      .max(40)
      .regex(/^[A-Za-z0-9_:!./ -]+$/, { message: "may hold letters, digits and : ! . / _ - only" })
      .optional(),
    qty_mode: z.enum(QTY_MODES).optional(),
    qty: positive.optional(),
    price: positive.optional(),
    sl: z.strictObject({ mode: z.enum(SL_MODES), value: positive }).optional(),
    tp: z.strictObject({ mode: z.enum(TP_MODES), value: positive }).optional(),
    trailing: z.strictObject({ mode: z.enum(TRAILING_MODES), value: positive }).optional(),
    tag: z.string().trim().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.action === "entry" || v.action === "reverse") && !v.side) {
      ctx.addIssue({ code: "custom", path: ["side"], message: `is required for action ${v.action}` });
    }
    if ((v.action === "entry" || v.action === "exit" || v.action === "reverse") && !v.symbol) {
      ctx.addIssue({ code: "custom", path: ["symbol"], message: `is required for action ${v.action}` });
    }
    if (v.type !== "market" && v.price === undefined && v.action === "entry") {
      ctx.addIssue({ code: "custom", path: ["price"], message: `is required for a ${v.type} order` });
    }
    if (v.qty_mode && v.qty_mode !== "fixed" && v.qty === undefined) {
      ctx.addIssue({ code: "custom", path: ["qty"], message: `is required with qty_mode ${v.qty_mode}` });
    }
  });

/** A validated trading intent: what the alert asks for, before sizing and risk. */
export type Intent = z.infer<typeof intentSchema>;

export const envelopeSchema = z.strictObject({
  version: z.literal("unify.v1"),
  source: z.string().max(40).optional(),
  api_key: z.string().max(200).optional(),
  id: z.string().trim().min(1).max(128).optional(),
  intent: intentSchema,
  ts: z.iso.datetime({ offset: true, message: "must be an ISO-8601 time" }).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
