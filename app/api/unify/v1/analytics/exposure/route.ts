// GET /api/unify/v1/analytics/exposure — open notional and P&L per broker and symbol (treemap data)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { exposureQuery } from "@/lib/analytics/schemas";
import { getExposure } from "@/lib/analytics/get-exposure";

export const GET = withUser(async ({ req, user }) => {
  readQuery(req, exposureQuery);
  return Response.json(await getExposure(user));
});
