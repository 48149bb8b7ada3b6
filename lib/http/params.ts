import { z } from "zod";
import { AppError } from "./errors";

const uuid = z.uuid();

/** A path id that must be a UUID; anything else is simply not found. */
export function uuidParam(value: string | undefined): string {
  if (!value || !uuid.safeParse(value).success) throw new AppError("not_found", "No such resource.");
  return value;
}
