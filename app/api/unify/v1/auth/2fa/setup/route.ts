// POST /api/unify/v1/auth/2fa/setup — a new TOTP secret as otpauth URL and QR code
import { withUser } from "@/lib/http/handlers";
import { setupTwoFactor } from "@/lib/auth/two-factor";

export const POST = withUser(async ({ user }) => Response.json(await setupTwoFactor(user)));
