import { ZodError } from "zod";

/** Every error code the API answers with, and its HTTP status (api.md). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  invalid_signature: 401,
  signature_expired: 401,
  signature_replayed: 401,
  totp_required: 401,
  plan_limit: 402,
  trial_expired: 402,
  forbidden: 403,
  account_disabled: 403,
  ip_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  risk_blocked: 422,
  broker_rejected: 422,
  constraint_violation: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  invalid_request: "Invalid request",
  unauthorized: "Unauthorized",
  invalid_signature: "Invalid signature",
  signature_expired: "Signature expired",
  signature_replayed: "Signature already used",
  totp_required: "Two-factor code required",
  plan_limit: "Plan limit reached",
  trial_expired: "Trial expired",
  forbidden: "Forbidden",
  account_disabled: "Account disabled",
  ip_not_allowed: "IP address not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  risk_blocked: "Blocked by a risk rule",
  broker_rejected: "Rejected by the broker",
  constraint_violation: "Instrument constraint not met",
  rate_limited: "Too many requests",
  internal: "Internal error",
  unavailable: "Service unavailable",
};

export type FieldError = { path: string; message: string };

export type ProblemExtras = {
  errors?: FieldError[];
  rule?: string;
  broker_code?: string;
  retryAfterSeconds?: number;
};

const APP_ERROR = Symbol.for("unify.AppError");

/** The one error type of the API; the wrappers turn it into problem+json. */
export class AppError extends Error {
  readonly [APP_ERROR] = true;

  // The bundler may load this module more than once (one copy per route chunk);
  // `instanceof` must still recognise an error thrown by another copy.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  correlation_id: string;
  errors?: FieldError[];
  rule?: string;
  broker_code?: string;
};

/** Zod issues → the `errors` list of a 400 answer, with dotted paths such as `intent.qty`. */
export function zodFieldErrors(err: ZodError, prefix: (string | number)[] = []): FieldError[] {
  return err.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(body)",
    message: i.message,
  }));
}

export function validationError(err: ZodError, prefix: (string | number)[] = []): AppError {
  const errors = zodFieldErrors(err, prefix);
  const first = errors[0];
  const detail = first ? `${first.path}: ${first.message}` : "The request body is not valid.";
  return new AppError("invalid_request", detail, { errors });
}

/** Any thrown value → AppError; unknown errors become a generic 500 (details go to the log only). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err);
  return new AppError("internal", "Something went wrong on our side. The error was logged; please try again.");
}

export function problemBody(err: AppError, correlationId: string): Problem {
  return {
    type: `https://unify.dev/problems/${err.code}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.detail,
    code: err.code,
    correlation_id: correlationId,
    ...(err.extras.errors ? { errors: err.extras.errors } : {}),
    ...(err.extras.rule ? { rule: err.extras.rule } : {}),
    ...(err.extras.broker_code ? { broker_code: err.extras.broker_code } : {}),
  };
}

export function problemResponse(err: AppError, correlationId: string): Response {
  const headers: Record<string, string> = { "content-type": "application/problem+json", "x-correlation-id": correlationId };
  if (err.extras.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(err.extras.retryAfterSeconds)));
  return new Response(JSON.stringify(problemBody(err, correlationId)), { status: err.status, headers });
}
