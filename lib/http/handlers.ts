import { AppError, problemResponse, toAppError } from "./errors";
import { clientIp, correlationIdOf, routeLabel } from "./request-info";
import { metrics } from "@/lib/metrics/registry";
import { log } from "@/lib/log/logger";
import { authenticateSession, type SessionUser } from "@/lib/auth/authenticate";
import { isSameOriginWrite } from "@/lib/auth/same-origin";
import { enforcePlanRate } from "@/lib/intake/rate-limit";

/** What every handler gets: the request plus our per-request facts. */
export type RequestCtx = {
  req: Request;
  url: URL;
  params: Record<string, string>;
  correlationId: string;
  ip: string;
  /** performance.now() when the request reached the handler (answer budgets run from here). */
  startedAt: number;
};
export type UserCtx = RequestCtx & { user: SessionUser };

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (req: Request, ctx: NextRouteContext) => Promise<Response>;

function withCorrelation(res: Response, correlationId: string): Response {
  try {
    res.headers.set("x-correlation-id", correlationId);
    return res;
  } catch {
    // Some responses have immutable headers; copy them into a new one.
    const headers = new Headers(res.headers);
    headers.set("x-correlation-id", correlationId);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

/** The shared frame: correlation id, error → problem+json, request metrics. */
function frame<C>(resolve: (ctx: RequestCtx) => Promise<C>, handler: (ctx: C) => Promise<Response>): RouteHandler {
  return async (req, routeCtx) => {
    const started = performance.now();
    const url = new URL(req.url);
    const correlationId = correlationIdOf(req);
    let res: Response;
    let params: Record<string, string> = {};
    try {
      const raw = routeCtx?.params ? await routeCtx.params : {};
      params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const ctx = await resolve({ req, url, params, correlationId, ip: clientIp(req), startedAt: started });
      res = withCorrelation(await handler(ctx), correlationId);
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === "internal") {
        log.error("unhandled error", { correlation_id: correlationId, route: url.pathname, error: (err as Error)?.stack ?? String(err) });
      }
      res = problemResponse(appErr, correlationId);
    }
    metrics()
      .httpDuration.labels(routeLabel(url, params), req.method, String(res.status))
      .observe((performance.now() - started) / 1000);
    return res;
  };
}

/** Public endpoints: no caller identity. */
export function withPublic(handler: (ctx: RequestCtx) => Promise<Response>): RouteHandler {
  return frame(async (ctx) => ctx, handler);
}

async function resolveUser(ctx: RequestCtx): Promise<UserCtx> {
  const session = await authenticateSession(ctx.req);
  if (!session) throw new AppError("unauthorized", "Sign in first: send the session cookie or Authorization: Bearer <access_token>.");
  if (session.viaCookie && !isSameOriginWrite(ctx.req)) {
    throw new AppError("forbidden", "Cross-site request refused: cookie-authenticated writes must come from this site.");
  }
  // The plan's API rate (requests per minute) counts programmatic use: Bearer tokens here,
  // alerts at intake. The dashboard's own requests (session cookie) do not use it up.
  if (!session.viaCookie) await enforcePlanRate(session.user.id, session.user.plan);
  return { ...ctx, user: session.user };
}

/** Signed-in users (session cookie or Bearer access token). Writes by cookie pass the same-origin check. */
export function withUser(handler: (ctx: UserCtx) => Promise<Response>): RouteHandler {
  return frame(resolveUser, handler);
}

/** Signed-in users with role admin (403 otherwise). */
export function withAdmin(handler: (ctx: UserCtx) => Promise<Response>): RouteHandler {
  return frame(async (ctx) => {
    const userCtx = await resolveUser(ctx);
    if (userCtx.user.role !== "admin") throw new AppError("forbidden", "This endpoint is for administrators.");
    return userCtx;
  }, handler);
}
