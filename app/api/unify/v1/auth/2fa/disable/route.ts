// POST /api/unify/v1/auth/2fa/disable — turn 2FA off with a current or backup code
import { withUser } from "@/lib/http/handlers";
import { readJson } from "@/lib/http/body";
import { twoFactorCodeBody } from "@/lib/auth/schemas";
import { disableTwoFactor } from "@/lib/auth/two-factor";

export const POST = withUser(async ({ req, user, ip }) => {
  const { code } = await readJson(req, twoFactorCodeBody);
  await disableTwoFactor(user, code, ip);
  return new Response(null, { status: 204 });
});
