import { asService } from "./service";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { connectAccount } from "@/lib/accounts/connect-account";
import type { SessionUser } from "@/lib/auth/authenticate";
import { importEconomicCalendar, sampleCalendarCsv } from "@/lib/settings/economic-calendar-import";

export const DEMO_EMAIL = "demo@unify.local";
export const DEMO_PASSWORD = "unify-demo-2026";

export type DemoSeed = { created: boolean; email: string; password: string | null; apiKey?: string };

/**
 * When the database has no user at all, creates the demo trader (plan pro) with a paper
 * account. Returns what to print; the password is printed only while it is unchanged.
 */
export async function seedDemo(): Promise<DemoSeed | null> {
  const created = await asService(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>("select count(*)::int as n from public.profiles");
    if (n > 0) return null;
    const [user] = await tx.query<{ id: string }>(
      "insert into public.profiles (email, name, plan, trial_ends_at) values ($1, 'Demo Trader', 'pro', now() + interval '10 years') returning id",
      [DEMO_EMAIL],
    );
    await tx.query("insert into public.user_credentials (user_id, password_hash) values ($1, $2)", [user.id, await hashPassword(DEMO_PASSWORD)]);
    // An empty calendar would make the news lockout silently useless: start with the sample.
    const [{ events }] = await tx.query<{ events: number }>("select count(*)::int as events from public.economic_events");
    if (events === 0) await importEconomicCalendar(tx, sampleCalendarCsv());
    return user.id;
  });
  if (created) {
    const user: SessionUser = {
      id: created,
      email: DEMO_EMAIL,
      role: "user",
      plan: "pro",
      sessionId: "seed",
      impersonatedBy: null,
      claims: { sub: created, role: "user", email: DEMO_EMAIL },
    };
    const account = await connectAccount(user, { broker: "paper", name: "Demo paper", mode: "demo", credentials: { starting_balance: 100_000 }, require_signature: false, ip_allowlist: [] }, "seed");
    return { created: true, email: DEMO_EMAIL, password: DEMO_PASSWORD, apiKey: account.api_key };
  }
  const [row] = await asService((tx) =>
    tx.query<{ password_hash: string }>(
      "select c.password_hash from public.profiles p join public.user_credentials c on c.user_id = p.id where p.email = $1",
      [DEMO_EMAIL],
    ),
  );
  if (!row) return null;
  const unchanged = await verifyPassword(DEMO_PASSWORD, row.password_hash);
  return { created: false, email: DEMO_EMAIL, password: unchanged ? DEMO_PASSWORD : null };
}
