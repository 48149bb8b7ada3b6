// GET /api/unify/v1/analytics/equity — equity + balance over all accounts (?from=&to=), at most ~500 points
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { equityQuery } from "@/lib/analytics/schemas";
import { getEquityCurve } from "@/lib/analytics/get-equity-curve";

export const GET = withUser(async ({ req, user }) => Response.json(await getEquityCurve(user, readQuery(req, equityQuery))));
