import { AppError, problemBody } from "@/lib/http/errors";
import type { OrderRow } from "./rows";

/** What an alert is answered with: status, JSON body, extra headers. */
export type AlertAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** The order as answered; `broker_code` is the broker's reason code when it refused just now. */
type AnsweredOrder = Pick<OrderRow, "id" | "status" | "broker_order_id" | "filled_qty" | "avg_price" | "reason"> & { broker_code?: string };

/**
 * The answer's status, in api.md's terms (filled | submitted | pending): a partial fill
 * whose rest still works is `submitted`; one whose rest the broker cancelled (IOC) is
 * `filled` with the `filled_qty` it got. Null when nothing executed and nothing works.
 */
function answerStatus(order: AnsweredOrder): "filled" | "submitted" | "pending" | null {
  switch (order.status) {
    case "filled":
    case "submitted":
    case "pending":
      return order.status;
    case "partially_filled":
      return "submitted";
    case "cancelled":
    case "expired":
      return order.filled_qty > 0 ? "filled" : null;
    default:
      return null;
  }
}

/** 200 with the order as it stands; a broker rejection (or cancel with no fill) is a 422 broker_rejected naming the order. */
export function orderAnswer(order: AnsweredOrder, broker: string, correlationId: string, startedAt: number): AlertAnswer {
  const status = answerStatus(order);
  if (status === null) {
    const what = order.status === "rejected" ? "rejected the order" : `${order.status === "expired" ? "expired" : "cancelled"} the order without filling it`;
    const error = new AppError("broker_rejected", `${broker} ${what}: ${order.reason ?? "no reason given"}`, { broker_code: order.broker_code ?? order.status });
    const answer = problemAnswer(error, correlationId);
    answer.body.order_id = order.id;
    return answer;
  }
  return {
    status: 200,
    body: {
      ok: true,
      order_id: order.id,
      status,
      ...(order.broker_order_id ? { broker_order_id: order.broker_order_id } : {}),
      ...(order.filled_qty ? { filled_qty: order.filled_qty } : {}),
      ...(order.avg_price !== null ? { avg_price: order.avg_price } : {}),
      correlation_id: correlationId,
      latency_ms: Math.round((performance.now() - startedAt) * 1000) / 1000,
    },
  };
}

export function problemAnswer(error: AppError, correlationId: string): AlertAnswer {
  const headers: Record<string, string> = {};
  if (error.extras.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.ceil(error.extras.retryAfterSeconds));
  return { status: error.status, body: problemBody(error, correlationId) as unknown as Record<string, unknown>, headers };
}

/**
 * A reverse whose opening part the risk rules blocked: the answer for the exit that did go
 * out also says what was blocked and why (`risk_blocked: {rule, detail}`).
 */
export function withRiskBlock(answer: AlertAnswer, blocked: AppError | undefined): AlertAnswer {
  if (!blocked || answer.status >= 400) return answer;
  return { ...answer, body: { ...answer.body, risk_blocked: { rule: blocked.extras.rule ?? null, detail: blocked.detail } } };
}
