import crypto from "node:crypto";

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's correlation id when it is sane, else a new UUID. */
export function correlationIdOf(req: Request): string {
  const given = req.headers.get("x-correlation-id");
  return given && CORRELATION_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * The client IP. Next's server sets X-Forwarded-For to the socket peer only when the
 * request has none, so the header is trustworthy only behind a proxy that appends the
 * peer (Traefik in stack.yml). UNIFY_TRUSTED_PROXIES (default 1) is how many proxies
 * append entries; the client is the entry the outermost of them wrote. Entries further
 * left were written by the client and are never trusted.
 */
export function clientIp(req: Request): string {
  const hops = Math.max(1, Number(process.env.UNIFY_TRUSTED_PROXIES ?? "1") || 1);
  const xff = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = xff[xff.length - hops] ?? xff[0] ?? req.headers.get("x-real-ip") ?? "unknown";
  return ip.replace(/^::ffff:/, "");
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A low-cardinality route label for metrics: the route's template — each dynamic segment
 * the route matched (`params`) as `:name`, so /webhook/anything is /webhook/:broker — and
 * any other id as :id.
 */
export function routeLabel(url: URL, params: Record<string, string> = {}): string {
  const byValue = new Map(Object.entries(params).map(([name, value]) => [value, `:${name}`]));
  const path = url.pathname
    .replace("/api/unify/v1", "")
    .split("/")
    .map((segment) => byValue.get(decodeSegment(segment)) ?? segment)
    .join("/");
  return path.replace(UUID, ":id") || "/";
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
