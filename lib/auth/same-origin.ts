import { config } from "@/lib/config/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins our own pages are served from (the request's, the public URL's, the proxy's view). */
function ownOrigins(req: Request): Set<string> {
  const allowed = new Set([new URL(req.url).origin, new URL(config().UNIFY_PUBLIC_URL).origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed;
}

/**
 * CSRF defence for cookie-authenticated writes: the browser's Origin (or Sec-Fetch-Site)
 * must say the request comes from our own pages. Bearer-token callers are not affected.
 */
export function isSameOriginWrite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const origin = req.headers.get("origin");
  if (origin) return ownOrigins(req).has(origin);
  const site = req.headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}

/**
 * True for a browser request that another site made (foreign Origin, or Sec-Fetch-Site
 * cross-site/same-site). Sign-in and sign-up refuse those: a cross-site form posting
 * text/plain JSON would otherwise set the victim's session cookie to the attacker's
 * account (login CSRF), where the victim might then connect their broker. API clients
 * send neither header and are not affected.
 */
export function isCrossSiteBrowserRequest(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin) return !ownOrigins(req).has(origin);
  const site = req.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}
