import type { z } from "zod";
import { parseJsonText, readRawBody } from "@/lib/http/body";
import { validationError } from "@/lib/http/errors";
import { authenticateDevice, type AuthenticatedDevice } from "./authenticate-device";

/**
 * Reads an EA request the way every signed webhook is read: the raw text first, the
 * device signature verified over it, only then JSON parsing and validation (400 with
 * field errors). Returns the device and the validated body.
 */
export async function readSignedEaRequest<S extends z.ZodType>(
  req: Request,
  schema: S,
  nowSec = Math.floor(Date.now() / 1000),
): Promise<{ device: AuthenticatedDevice; body: z.infer<S> }> {
  const raw = await readRawBody(req);
  const device = await authenticateDevice(req.headers.get("x-device-id"), req.headers.get("x-signature"), raw, nowSec);
  const parsed = schema.safeParse(parseJsonText(req, raw));
  if (!parsed.success) throw validationError(parsed.error);
  return { device, body: parsed.data };
}
