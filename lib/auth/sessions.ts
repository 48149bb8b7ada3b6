import type { Queryable } from "@/lib/db/types";
import type { PublicUser } from "./schemas";
import { SESSION_TTL_SECONDS, signSessionToken } from "./session-token";

/** Creates a server-side session row and the JWT that refers to it. */
export async function startSession(
  tx: Queryable,
  user: PublicUser,
  meta: { ip: string; userAgent: string | null; impersonatedBy?: string; ttlSeconds?: number },
): Promise<string> {
  const ttl = meta.ttlSeconds ?? SESSION_TTL_SECONDS;
  const [row] = await tx.query<{ id: string }>(
    `insert into public.sessions (user_id, ip, user_agent, impersonated_by, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5)) returning id`,
    [user.id, meta.ip, meta.userAgent?.slice(0, 300) ?? null, meta.impersonatedBy ?? null, ttl],
  );
  return signSessionToken({ sub: user.id, role: user.role, email: user.email, sid: row.id }, ttl);
}

/** Ends one session (logout): its token stops working at once. */
export async function endSession(tx: Queryable, sessionId: string): Promise<void> {
  await tx.query("delete from public.sessions where id = $1", [sessionId]);
}
