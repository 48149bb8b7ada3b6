// POST /api/unify/v1/accounts/{id}/api-key — regenerate the account's API key (old key revoked at once)
import { withUser } from "@/lib/http/handlers";
import { regenerateApiKey } from "@/lib/accounts/regenerate-api-key";
import { assertCanWrite } from "@/lib/auth/roles";
import { uuidParam } from "@/lib/http/params";

export const POST = withUser(async ({ user, params, correlationId }) => {
  assertCanWrite(user);
  return Response.json(await regenerateApiKey(user, uuidParam(params.id), correlationId));
});
