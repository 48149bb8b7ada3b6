// POST /api/unify/v1/auth/logout — end this session (its token stops working at once)
import { withUser } from "@/lib/http/handlers";
import { asService } from "@/lib/db/service";
import { endSession } from "@/lib/auth/sessions";
import { clearedSessionCookie } from "@/lib/auth/session-token";

export const POST = withUser(async ({ user }) => {
  await asService((tx) => endSession(tx, user.sessionId));
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie() } });
});
