// GET /api/unify/v1/webhook-events — alerts received, accepted or rejected with the reason (?cursor=)
import { withUser } from "@/lib/http/handlers";
import { readQuery } from "@/lib/http/body";
import { webhookEventsQuery } from "@/lib/activity/schemas";
import { listWebhookEvents } from "@/lib/activity/list-webhook-events";

export const GET = withUser(async ({ req, user }) => Response.json(await listWebhookEvents(user, readQuery(req, webhookEventsQuery))));
