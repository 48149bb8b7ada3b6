// GET /api/unify/v1/accounts — list broker accounts; POST — connect one
import { withUser } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { createAccountBody } from "@/lib/accounts/schemas";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { connectAccount } from "@/lib/accounts/connect-account";
import { assertCanWrite } from "@/lib/auth/roles";

export const GET = withUser(async ({ user }) => Response.json({ accounts: await listAccounts(user) }));

export const POST = withUser(async ({ req, user, correlationId }) => {
  assertCanWrite(user);
  const body = await readJson(req, createAccountBody);
  return Response.json(await connectAccount(user, body, correlationId), { status: 201 });
});
