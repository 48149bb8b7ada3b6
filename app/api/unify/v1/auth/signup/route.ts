// POST /api/unify/v1/auth/signup — create a trial account and sign in
import { withPublic } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { signupBody } from "@/lib/auth/schemas";
import { signup } from "@/lib/auth/signup";
import { sessionCookie } from "@/lib/auth/session-token";
import { isCrossSiteBrowserRequest } from "@/lib/auth/same-origin";
import { AppError } from "@/lib/http/errors";

export const POST = withPublic(async ({ req, ip }) => {
  if (isCrossSiteBrowserRequest(req)) throw new AppError("forbidden", "Cross-site sign-in refused: sign in from this site's own pages.");
  const body = await readJson(req, signupBody);
  const result = await signup(body, { ip, userAgent: req.headers.get("user-agent") });
  return Response.json(result, { status: 201, headers: { "set-cookie": sessionCookie(result.access_token) } });
});
