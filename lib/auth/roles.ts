import { AppError } from "@/lib/http/errors";
import type { SessionUser } from "./authenticate";

/** Viewers read only; RLS enforces it too, this gives them a clear 403 instead of a silent no-op. */
export function assertCanWrite(user: SessionUser): void {
  if (user.role === "viewer") throw new AppError("forbidden", "Your role is viewer: you can look, not change anything.");
}
