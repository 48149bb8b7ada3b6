import type { z } from "zod";
import { isStorableText } from "./storable-text";
import { AppError, validationError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the raw body once, refusing more than 64 KiB without buffering the excess. */
export async function readRawBody(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `The body is larger than ${limit / 1024} KiB.`);
}

const JSON_TYPES = ["application/json", "text/plain", ""];

/**
 * Far deeper than any body of this API (an alert nests 3 levels). 64 KiB of `[[[…` parses
 * fine but nests ~32,000 levels, and code that walks or serialises it recursively
 * (JSON.stringify into webhook_events, the placeholder scan) overflows the stack: a 500
 * that not even the rejection log could record.
 */
export const MAX_JSON_DEPTH = 32;

/** Why a parsed JSON value cannot be taken as a request body (too deep, unstorable text), or null. Iterative: any depth is safe. */
export function jsonBodyProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const unstorable = "The body holds a NUL character (\\u0000) or half of a UTF-16 surrogate pair; send plain text.";
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === "string") {
      if (!isStorableText(v)) return unstorable;
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth > maxDepth) return `The body nests objects and arrays more than ${maxDepth} levels deep.`;
    if (Array.isArray(v)) {
      for (const child of v) stack.push([child, depth + 1]);
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      if (!isStorableText(key)) return unstorable;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Parses a JSON body (application/json, or text/plain holding JSON as TradingView sends it). */
export function parseJsonText(req: Pick<Request, "headers">, raw: string): unknown {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!JSON_TYPES.includes(type) && !type.endsWith("+json")) {
    throw new AppError("unsupported_media_type", `Content-Type ${type} is not supported; send application/json.`);
  }
  if (raw.trim() === "") throw new AppError("invalid_request", "The request body is empty; a JSON object is expected.");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new AppError("invalid_request", `The body is not valid JSON: ${(err as Error).message}`);
  }
  const problem = jsonBodyProblem(value);
  if (problem) throw new AppError("invalid_request", problem);
  return value;
}

/** Reads, parses and validates a JSON body against a zod schema (400 with field errors). */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const value = parseJsonText(req, await readRawBody(req));
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Validates URL query parameters against a zod schema. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Like readJson, but an empty body counts as `{}` (for endpoints whose fields are all optional). */
export async function readOptionalJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const raw = await readRawBody(req);
  const value = raw.trim() === "" ? {} : parseJsonText(req, raw);
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
