import { config } from "@/lib/config/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated writes: the browser's Origin (or Sec-Fetch-Site)
 * must say the request comes from our own pages. Bearer-token callers are not affected.
 */
export function isSameOriginWrite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const origin = req.headers.get("origin");
  if (origin) {
    const allowed = new Set([new URL(req.url).origin, new URL(config().UNIFY_PUBLIC_URL).origin]);
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    if (host) {
      const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
      allowed.add(`${proto}://${host}`);
    }
    return allowed.has(origin);
  }
  const site = req.headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}
