// POST /api/unify/v1/order — the same intent as a webhook, by API key or session
import { withPublic } from "@/lib/http/handlers";
import { readRawBody } from "@/lib/http/body";
import { handleAlert } from "@/lib/execution/handle-alert";
import { alertResponse } from "@/lib/http/alert-response";
import { authenticateSession } from "@/lib/auth/authenticate";
import { isSameOriginWrite } from "@/lib/auth/same-origin";
import { AppError } from "@/lib/http/errors";

export const POST = withPublic(async ({ req, correlationId, ip, startedAt }) => {
  const session = await authenticateSession(req);
  if (session?.viaCookie && !isSameOriginWrite(req)) throw new AppError("forbidden", "Cross-site request refused.");
  if (session?.user.role === "viewer") throw new AppError("forbidden", "Your role is viewer: you can look, not trade.");
  const answer = await handleAlert({
    readBody: () => readRawBody(req),
    headers: req.headers,
    ip,
    correlationId,
    brokerInPath: null,
    sessionUser: session?.user ?? null,
    source: "order",
    startedAt,
  });
  return alertResponse(answer);
});
