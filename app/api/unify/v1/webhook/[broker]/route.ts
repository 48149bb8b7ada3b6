// POST /api/unify/v1/webhook/{broker} — TradingView / bot alerts into orders
import { withPublic } from "@/lib/http/handlers";
import { readRawBody } from "@/lib/http/body";
import { handleAlert } from "@/lib/execution/handle-alert";
import { alertResponse } from "@/lib/http/alert-response";

export const POST = withPublic(async ({ req, params, correlationId, ip, startedAt }) => {
  const answer = await handleAlert({
    readBody: () => readRawBody(req),
    headers: req.headers,
    ip,
    correlationId,
    brokerInPath: params.broker,
    sessionUser: null,
    source: "webhook",
    startedAt,
  });
  return alertResponse(answer);
});
