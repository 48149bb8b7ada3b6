import { z } from "zod";

const email = z
  .email({ message: "must be a valid email address" })
  .max(254)
  .transform((v) => v.trim().toLowerCase());

export const signupBody = z.strictObject({
  email,
  password: z.string().min(10, { message: "must be at least 10 characters" }).max(200),
  name: z.string().trim().min(1, { message: "is required" }).max(100),
});
export type SignupBody = z.infer<typeof signupBody>;

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(200),
  totp_code: z.string().trim().max(32).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const publicUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["user", "viewer", "admin"]),
  plan: z.enum(["trial", "starter", "pro", "elite"]),
});
export type PublicUser = z.infer<typeof publicUser>;

export const authResponse = z.object({ user: publicUser, access_token: z.string() });

export const twoFactorCodeBody = z.strictObject({ code: z.string().trim().min(6, { message: "must be the 6-digit code or a backup code" }).max(32) });
