import { asService } from "@/lib/db/service";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "./password";
import type { PublicUser, SignupBody } from "./schemas";
import { startSession } from "./sessions";

const USER_COLUMNS = "id, email, name, role, plan";

/** Creates a user on the trial plan and signs them in. 409 when the email is taken. */
export async function signup(body: SignupBody, meta: { ip: string; userAgent: string | null }) {
  const passwordHash = await hashPassword(body.password);
  return asService(async (tx) => {
    const [user] = await tx.query<PublicUser>(
      `insert into public.profiles (email, name) values ($1, $2)
       on conflict ((lower(email))) do nothing returning ${USER_COLUMNS}`,
      [body.email, body.name],
    );
    if (!user) throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
    await tx.query("insert into public.user_credentials (user_id, password_hash) values ($1, $2)", [user.id, passwordHash]);
    const accessToken = await startSession(tx, user, meta);
    return { user, access_token: accessToken };
  });
}
