// GET /api/unify/v1/stream — Server-Sent Events of the user's positions, orders, logs, accounts and health
import { withUser } from "@/lib/http/handlers";
import { openStream } from "@/lib/realtime/open-stream";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ req, user }) => {
  const stream = await openStream(user, req.headers.get("last-event-id"), req.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
