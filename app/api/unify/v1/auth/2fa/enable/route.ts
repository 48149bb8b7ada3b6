// POST /api/unify/v1/auth/2fa/enable — turn 2FA on with the current code; returns 10 backup codes
import { withUser } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { twoFactorCodeBody } from "@/lib/auth/schemas";
import { enableTwoFactor } from "@/lib/auth/two-factor";

export const POST = withUser(async ({ req, user }) => {
  const { code } = await readJson(req, twoFactorCodeBody);
  return Response.json(await enableTwoFactor(user, code));
});
