// POST /api/unify/v1/auth/login — sign in (with a 2FA code when 2FA is on)
import { withPublic } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { loginBody } from "@/lib/auth/schemas";
import { login } from "@/lib/auth/login";
import { sessionCookie } from "@/lib/auth/session-token";
import { isCrossSiteBrowserRequest } from "@/lib/auth/same-origin";
import { AppError } from "@/lib/http/errors";

export const POST = withPublic(async ({ req, ip }) => {
  if (isCrossSiteBrowserRequest(req)) throw new AppError("forbidden", "Cross-site sign-in refused: sign in from this site's own pages.");
  const body = await readJson(req, loginBody);
  const result = await login(body, { ip, userAgent: req.headers.get("user-agent") });
  return Response.json(result, { headers: { "set-cookie": sessionCookie(result.access_token) } });
});
