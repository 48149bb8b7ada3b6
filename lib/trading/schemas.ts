import { z } from "zod";
import { BROKER_IDS } from "@/brokers/types";
import { brokerParam } from "@/lib/accounts/schemas";
import { positionShape } from "@/lib/events/subjects";

export const positionsQuery = z.strictObject({
  broker: brokerParam.optional(),
  symbol: z.string().trim().max(40).optional(),
  status: z.enum(["open", "closed", "all"]).default("open"),
  account_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const ORDER_STATUSES = ["pending", "submitted", "partially_filled", "filled", "rejected", "cancelled", "expired"] as const;

export const ordersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  symbol: z.string().trim().max(40).optional(),
  broker: brokerParam.optional(),
  account_id: z.uuid().optional(),
  correlation_id: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const closePositionBody = z.strictObject({ qty: z.number().positive().finite().optional() });

export const positionView = positionShape.extend({
  broker: z.enum(BROKER_IDS),
  opened_at: z.string(),
  closed_at: z.string().nullable(),
  tag: z.string().nullable(),
});
export type PositionView = z.infer<typeof positionView>;

export const orderView = z.object({
  id: z.uuid(),
  account_id: z.uuid(),
  broker: z.enum(BROKER_IDS),
  symbol: z.string(),
  action: z.string(),
  side: z.enum(["buy", "sell"]),
  type: z.string(),
  qty: z.number(),
  filled_qty: z.number(),
  price: z.number().nullable(),
  avg_price: z.number().nullable(),
  stop_loss: z.number().nullable(),
  take_profit: z.number().nullable(),
  status: z.enum(ORDER_STATUSES),
  reason: z.string().nullable(),
  broker_order_id: z.string().nullable(),
  tag: z.string().nullable(),
  source: z.string(),
  correlation_id: z.string().nullable(),
  created_at: z.string(),
  filled_at: z.string().nullable(),
});
export type OrderView = z.infer<typeof orderView>;
