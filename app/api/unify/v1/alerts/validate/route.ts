// POST /api/unify/v1/alerts/validate — dry run: normalised intent, sized order, blocking rule
import { withUser } from "@/lib/http/handlers";
import { parseJsonText, readRawBody } from "@/lib/http/body";
import { validateAlert } from "@/lib/execution/validate-alert";

export const POST = withUser(async ({ req, user }) => {
  let body = parseJsonText(req, await readRawBody(req));
  // The playground may send a bare intent.
  if (body && typeof body === "object" && !("version" in body) && !("ticker" in body) && !("symbol" in body && "action" in body && "sentiment" in body)) {
    if ("side" in body || "symbol" in body || "action" in body) {
      const { api_key, ...intent } = body as Record<string, unknown>;
      body = { version: "unify.v1", source: "playground", ...(api_key ? { api_key } : {}), intent };
    }
  }
  return Response.json(await validateAlert(user, body));
});
