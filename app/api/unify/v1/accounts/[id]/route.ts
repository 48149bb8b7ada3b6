// PATCH /api/unify/v1/accounts/{id} — rename, enable/disable, webhook security; DELETE — remove it
import { withUser } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { updateAccountBody } from "@/lib/accounts/schemas";
import { getAccount } from "@/lib/accounts/list-accounts";
import { updateAccount } from "@/lib/accounts/update-account";
import { deleteAccount } from "@/lib/accounts/delete-account";
import { assertCanWrite } from "@/lib/auth/roles";
import { uuidParam } from "@/lib/http/params";

export const GET = withUser(async ({ user, params }) => Response.json({ account: await getAccount(user, uuidParam(params.id)) }));

export const PATCH = withUser(async ({ req, user, params, correlationId }) => {
  assertCanWrite(user);
  const id = uuidParam(params.id);
  const body = await readJson(req, updateAccountBody);
  return Response.json({ account: await updateAccount(user, id, body, correlationId) });
});

export const DELETE = withUser(async ({ user, params, correlationId }) => {
  assertCanWrite(user);
  await deleteAccount(user, uuidParam(params.id), correlationId);
  return new Response(null, { status: 204 });
});
