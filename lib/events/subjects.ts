import { z } from "zod";

const base = {
  user_id: z.uuid().nullable(),
  correlation_id: z.string().nullable().optional(),
  at: z.string(),
};

const orderShape = z.object({
  id: z.uuid(),
  account_id: z.uuid(),
  broker: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  type: z.string(),
  action: z.string(),
  qty: z.number(),
  filled_qty: z.number(),
  avg_price: z.number().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
});

/** A position as events carry it (the API's position view adds times and tag). */
export const positionShape = z.object({
  id: z.uuid(),
  account_id: z.uuid(),
  broker: z.string(),
  symbol: z.string(),
  side: z.enum(["buy", "sell"]),
  qty: z.number(),
  entry_price: z.number(),
  current_price: z.number().nullable(),
  unrealized_pnl: z.number(),
  realized_pnl: z.number(),
  stop_loss: z.number().nullable(),
  take_profit: z.number().nullable(),
  status: z.enum(["open", "closed"]),
});

/** Every subject on the bus and the zod schema of its payload. */
export const SUBJECTS = {
  "webhook.received": z.object({
    ...base,
    account_id: z.uuid().nullable(),
    broker: z.string(),
    outcome: z.enum(["accepted", "rejected", "replayed"]),
    status_code: z.number(),
    code: z.string().nullable(),
    reason: z.string().nullable(),
    latency_ms: z.number(),
  }),
  "trade.exec": z.object({ ...base, order: orderShape }),
  "order.status": z.object({ ...base, order: orderShape }),
  "position.update": z.object({ ...base, position: positionShape, reason: z.string().optional() }),
  "risk.blocked": z.object({ ...base, account_id: z.uuid(), broker: z.string(), symbol: z.string().nullable(), rule: z.string(), reason: z.string() }),
  "billing.status": z.object({ ...base, plan: z.string(), status: z.string() }),
  "ops.health": z.object({ ...base, status: z.enum(["healthy", "degraded", "down"]), brokers: z.record(z.string(), z.string()) }),
  "audit.admin": z.object({ ...base, admin_id: z.uuid(), action: z.string(), target_user_id: z.uuid().nullable() }),
  "account.update": z.object({
    ...base,
    account: z.object({
      id: z.uuid(),
      broker: z.string(),
      enabled: z.boolean(),
      status: z.string(),
      status_reason: z.string().nullable().optional(),
      balance: z.number(),
      equity: z.number(),
    }),
  }),
  // Drops cached API-key lookups (account_id) or a user's cached settings (user_id only) on every replica.
  "cache.invalidate": z.object({ ...base, account_id: z.uuid().optional() }),
  "log.entry": z.object({ ...base, level: z.string(), type: z.string(), message: z.string(), data: z.unknown().optional() }),
} as const;

export type Subject = keyof typeof SUBJECTS;
export type Payload<S extends Subject> = z.infer<(typeof SUBJECTS)[S]>;
export type OrderEvent = z.infer<typeof orderShape>;
export type PositionEvent = z.infer<typeof positionShape>;
