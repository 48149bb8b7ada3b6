// GET /api/unify/v1/analytics/drawdown — intraday drawdown from the day's running peak (?day=YYYY-MM-DD, default today UTC)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { drawdownQuery } from "@/lib/analytics/schemas";
import { getDailyDrawdown } from "@/lib/analytics/get-daily-drawdown";

export const GET = withUser(async ({ req, user }) => Response.json(await getDailyDrawdown(user, readQuery(req, drawdownQuery))));
