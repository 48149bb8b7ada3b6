import { asService } from "@/lib/db/service";
import { AppError } from "@/lib/http/errors";
import { dummyHash, verifyPassword } from "./password";
import type { LoginBody, PublicUser } from "./schemas";
import { startSession } from "./sessions";
import { claimLoginAttempt, refundLoginAttempt, settleLoginSuccess } from "./login-throttle";
import { verifySecondFactor } from "./second-factor";

type LoginRow = PublicUser & { status: string; totp_enabled: boolean; password_hash: string };

const WRONG = "Email or password is wrong.";

/**
 * Signs a user in: throttled per account and per IP, constant-time against unknown
 * emails, and asking for the 2FA code (or a backup code) when 2FA is on.
 */
export async function login(body: LoginBody, meta: { ip: string; userAgent: string | null }) {
  await claimLoginAttempt(body.email, meta.ip);
  return asService(async (tx) => {
    const [row] = await tx.query<LoginRow>(
      `select p.id, p.email, p.name, p.role, p.plan, p.status, p.totp_enabled, c.password_hash
       from public.profiles p join public.user_credentials c on c.user_id = p.id
       where lower(p.email) = $1`,
      [body.email],
    );
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyHash()));
    if (!row || !ok) throw new AppError("unauthorized", WRONG);
    if (row.status === "suspended") throw new AppError("forbidden", "This account is suspended. Contact support.");
    if (row.totp_enabled) {
      if (!body.totp_code) {
        // The password was right: asking for the code is not a failed attempt.
        await refundLoginAttempt(body.email, meta.ip);
        throw new AppError("totp_required", "Enter the 6-digit code from your authenticator app.");
      }
      if (!(await verifySecondFactor(tx, row.id, body.totp_code))) {
        throw new AppError("totp_required", "That two-factor code is not valid. Try the current code or a backup code.");
      }
    }
    await settleLoginSuccess(body.email, meta.ip);
    const user: PublicUser = { id: row.id, email: row.email, name: row.name, role: row.role, plan: row.plan };
    const accessToken = await startSession(tx, user, meta);
    return { user, access_token: accessToken };
  });
}
