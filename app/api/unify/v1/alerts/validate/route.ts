// POST /api/unify/v1/alerts/validate — dry run: normalised intent, sized order, blocking rule
import { withUser } from "@/lib/http/handlers";
import { parseJsonText, readRawBody } from "@/lib/http/body";
import { validateAlert } from "@/lib/execution/validate-alert";
import { wrapBareIntent } from "@/lib/intake/bare-intent";

export const POST = withUser(async ({ req, user }) => {
  // The playground may send a bare intent.
  const body = wrapBareIntent(parseJsonText(req, await readRawBody(req)), "playground");
  return Response.json(await validateAlert(user, body));
});
