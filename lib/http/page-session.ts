import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authenticateSession, type SessionUser } from "@/lib/auth/authenticate";
import { SESSION_COOKIE } from "@/lib/auth/session-token";

/** For server components: the signed-in user from the session cookie, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const req = new Request("http://internal/", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  try {
    return (await authenticateSession(req))?.user ?? null;
  } catch {
    return null;
  }
}

/** For dashboard pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
