import { BrokerError, type PlaceOrderResult } from "@/brokers/types";

/**
 * A timeout or dropped connection on an order call leaves its outcome unknown: the broker
 * may or may not have acted. Such calls are never sent again; they come back as `pending`
 * so the reconciler settles them with findOrder. Returns null for any other error.
 */
export function unknownOutcome(err: unknown, brokerName: string): PlaceOrderResult | null {
  if (!(err instanceof BrokerError) || (err.kind !== "timeout" && err.kind !== "unavailable")) return null;
  return {
    status: "pending",
    reason: `${err.message} ${brokerName} may still have received the order; it will be checked, not sent again.`,
    brokerCode: err.brokerCode,
  };
}
