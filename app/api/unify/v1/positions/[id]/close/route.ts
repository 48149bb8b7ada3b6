// POST /api/unify/v1/positions/{id}/close — close a position (or part of it: {qty})
import { withUser } from "@/lib/http/handlers";
import { readOptionalJson } from "@/lib/http/body";
import { uuidParam } from "@/lib/http/params";
import { assertCanWrite } from "@/lib/auth/roles";
import { closePositionBody } from "@/lib/trading/schemas";
import { closeUserPosition } from "@/lib/trading/close-user-position";

export const POST = withUser(async ({ req, user, params, correlationId }) => {
  assertCanWrite(user);
  const body = await readOptionalJson(req, closePositionBody);
  return Response.json(await closeUserPosition(user, uuidParam(params.id), body.qty, correlationId));
});
