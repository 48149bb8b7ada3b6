/**
 * Checks a request body against the documented shape of an endpoint and turns every
 * mismatch into a readable violation. Type and enum errors make the request fail (the
 * broker could not have understood it); field names the docs do not list are only
 * recorded, because the real servers ignore them silently — which is exactly how a typo
 * like `quantity` for `qty` would go unnoticed in production.
 */
import { z } from "zod";
import { isPlainObject } from "./fake-kit";
import type { LoggedRequest } from "./fake-server";

/** `onlyValueErrors`: every problem is a value outside an allowed set (the body itself parsed and bound fine). */
export type BodyCheck<T> = { ok: true; value: T; unknownFields: string[] } | { ok: false; problems: string[]; onlyValueErrors: boolean };

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}`;
}

/** Validates `req.body` with `schema`; unknown top-level and nested-object fields are reported separately. */
export function checkBody<S extends ObjectSchema>(req: LoggedRequest, schema: S): BodyCheck<z.output<S>> {
  if (typeof req.body === "string") return { ok: false, problems: ["body is not valid JSON"], onlyValueErrors: false };
  if (!isPlainObject(req.body)) return { ok: false, problems: ["body must be a JSON object"], onlyValueErrors: false };
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return { ok: false, problems: issues.map(describe), onlyValueErrors: issues.every((i) => i.code === "invalid_value") };
  }
  return { ok: true, value: parsed.data, unknownFields: unknownFields(req.body, schema) };
}

function unknownFields(body: Record<string, unknown>, schema: ObjectSchema, prefix = ""): string[] {
  const shape = schema.shape;
  const out: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const field = shape[key];
    if (field === undefined) {
      out.push(`${prefix}${key}`);
      continue;
    }
    const inner = unwrapObject(field);
    if (inner && isPlainObject(value)) out.push(...unknownFields(value, inner, `${prefix}${key}.`));
  }
  return out;
}

function unwrapObject(schema: z.core.$ZodType): ObjectSchema | undefined {
  let current: z.core.$ZodType = schema;
  // Optional/nullable wrappers keep the object schema under `def.innerType`.
  for (let i = 0; i < 4; i++) {
    if (current instanceof z.ZodObject) return current as ObjectSchema;
    const def = current._zod.def as { innerType?: z.core.$ZodType };
    if (!def.innerType) return undefined;
    current = def.innerType;
  }
  return undefined;
}

/** True when the request declared a JSON body (`Content-Type: application/json`, any charset). */
export function declaresJson(req: LoggedRequest): boolean {
  return /^application\/json\b/i.test(req.headers["content-type"] ?? "");
}

/** A number, or a string holding one — TradeLocker's own Python client sends `qty` and ids as strings. */
export const numberOrNumericString = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, "expected a number or a numeric string")
    .transform(Number),
]);
