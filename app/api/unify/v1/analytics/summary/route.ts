// GET /api/unify/v1/analytics/summary — performance over a range (?from=&to=&broker=)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { analyticsRangeQuery } from "@/lib/analytics/schemas";
import { getSummary } from "@/lib/analytics/get-summary";

export const GET = withUser(async ({ req, user }) => Response.json(await getSummary(user, readQuery(req, analyticsRangeQuery))));
