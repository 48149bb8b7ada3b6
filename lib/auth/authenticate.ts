import type { Claims, Role } from "@/lib/db/as-user";
import { serviceDb } from "@/lib/db/service";
import { AppError } from "@/lib/http/errors";
import { readCookie, SESSION_COOKIE, verifySessionToken } from "./session-token";

export type SessionUser = {
  id: string;
  email: string;
  role: Role;
  plan: string;
  sessionId: string;
  impersonatedBy: string | null;
  /** The claims RLS reads; pass to asUser. */
  claims: Claims;
};

type SessionRow = { user_id: string; email: string; role: Role; plan: string; status: string; impersonated_by: string | null };

/** The bearer token of a request, unless it is an account API key (uk_…). */
function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (!header?.toLowerCase().startsWith("bearer ")) return undefined;
  const token = header.slice(7).trim();
  return token.startsWith("uk_") ? undefined : token;
}

/**
 * Resolves the session behind a request (Bearer access token first, then the cookie):
 * a valid JWT whose server-side session still exists and whose user is not suspended.
 */
export async function authenticateSession(req: Request): Promise<{ user: SessionUser; viaCookie: boolean } | null> {
  const bearer = bearerToken(req);
  const token = bearer ?? readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!token) return null;
  const claims = await verifySessionToken(token);
  if (!claims) return null;
  const db = await serviceDb();
  const [row] = await db.query<SessionRow>("select * from public.session_user_info($1)", [claims.sid]);
  if (!row || row.user_id !== claims.sub) return null;
  if (row.status === "suspended") throw new AppError("forbidden", "This account is suspended. Contact support.");
  const role = row.role;
  return {
    viaCookie: !bearer,
    user: {
      id: row.user_id,
      email: row.email,
      role,
      plan: row.plan,
      sessionId: claims.sid,
      impersonatedBy: row.impersonated_by,
      claims: { sub: row.user_id, role, email: row.email },
    },
  };
}
