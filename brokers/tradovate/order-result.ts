import { asRecord, str } from "@/brokers/shared/json";
import { describeFailure } from "./failure-reason";

/**
 * Reads a PlaceOrderResult (placeorder, placeOSO, liquidateposition) or CommandResult
 * (cancelorder). Tradovate answers refusals with HTTP 200: a `failureReason` other than
 * "Success", or no id but a failureText/errorText, is a refusal with a readable reason.
 */
export function readOrderResult(body: unknown, idField: "orderId" | "commandId"): { ok: true; id?: string } | { ok: false; reason: string; code?: string } {
  const r = asRecord(body);
  const failure = str(r.failureReason);
  const id = str(r[idField]);
  if ((failure && failure !== "Success") || (!id && (str(r.failureText) || str(r.errorText)))) {
    return { ok: false, reason: describeFailure(failure, str(r.failureText) ?? str(r.errorText)), code: failure };
  }
  return { ok: true, id };
}
