import { z } from "zod";

const idCursor = z
  .string()
  .regex(/^\d{1,18}$/, { message: "is not a cursor this API returned" })
  .transform(Number)
  .optional();

export const logsQuery = z.strictObject({
  level: z.enum(["debug", "info", "warn", "error"]).optional(),
  type: z.string().trim().max(40).optional(),
  correlation_id: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: idCursor,
  /** Tail mode: only entries newer than this id. */
  after: idCursor,
});

export const webhookEventsQuery = z.strictObject({
  outcome: z.enum(["accepted", "rejected", "replayed"]).optional(),
  account_id: z.uuid().optional(),
  correlation_id: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: idCursor,
});
