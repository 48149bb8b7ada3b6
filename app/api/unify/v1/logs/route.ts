// GET /api/unify/v1/logs — the activity log (?level=&type=&correlation_id=&cursor=&after=)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { logsQuery } from "@/lib/activity/schemas";
import { listLogs } from "@/lib/activity/list-logs";

export const GET = withUser(async ({ req, user }) => Response.json(await listLogs(user, readQuery(req, logsQuery))));
