import type { AppError } from "@/lib/http/errors";
import type { Intent } from "@/lib/intake/schemas";
import type { AlertCaller } from "@/lib/intake/authenticate-alert";
import type { MarketContext } from "./market-context";
import type { AlertAnswer } from "./answers";
import type { OrderRow, PositionRow } from "./rows";
import type { Settlement } from "./publish-settlement";

export type AdmitInput = {
  caller: AlertCaller;
  intent: Intent;
  idempotencyKey: string | null;
  market: MarketContext;
  source: "webhook" | "order";
  correlationId: string;
  ip: string;
  /** The alert as received, with the API key removed (stored in webhook_events). */
  payload: unknown;
  startedAt: number;
  now: Date;
};

export type Admission =
  /** The idempotency key was seen before: answer what was answered then. */
  | { kind: "replay"; statusCode: number | null; body: Record<string, unknown> | null; orderId: string | null }
  /** A valid intent the plan, the risk rules or the instrument refused (already recorded). */
  | { kind: "refused"; error: AppError }
  /**
   * Recorded as pending; submit it to the (remote) broker next. `blocked`: a reverse whose
   * opening part the risk rules blocked, recorded as the exit of its position.
   */
  | { kind: "accepted"; order: OrderRow; webhookEventId: number; closing: PositionRow | null; blocked?: AppError }
  /** The in-process broker (paper) answered inside the transaction: done. */
  | { kind: "settled"; settlement: Settlement; answer: AlertAnswer; blocked?: AppError };
