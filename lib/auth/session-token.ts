import { SignJWT, jwtVerify } from "jose";
import { config } from "@/lib/config/env";
import type { Claims, Role } from "@/lib/db/as-user";

export const SESSION_COOKIE = "unify_session";
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;

/** What the session JWT carries: the RLS claims plus the server-side session id. */
export type SessionClaims = Claims & { sid: string };

export async function signSessionToken(claims: SessionClaims, ttlSeconds = SESSION_TTL_SECONDS): Promise<string> {
  return new SignJWT({ role: claims.role, email: claims.email, sid: claims.sid })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setIssuer("unify")
    .setAudience("authenticated")
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(config().jwtSecret);
}

/** Verifies signature, issuer, audience and expiry; null for anything invalid. */
export async function verifySessionToken(token: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, config().jwtSecret, { issuer: "unify", audience: "authenticated", algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.email !== "string") return null;
    if (!["user", "viewer", "admin"].includes(payload.role as string)) return null;
    return { sub: payload.sub, role: payload.role as Role, email: payload.email, sid: payload.sid };
  } catch {
    return null;
  }
}

export function sessionCookie(token: string, maxAge = SESSION_TTL_SECONDS): string {
  const secure = config().UNIFY_PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

export function clearedSessionCookie(): string {
  return sessionCookie("", 0);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined; // a malformed %-escape is no credential, not a server error
      }
    }
  }
  return undefined;
}
