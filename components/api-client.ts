"use client";

export type FieldError = { path: string; message: string };

/** A problem+json answer as an Error: detail for people, code and field errors for forms. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly errors: FieldError[] = [],
    readonly rule?: string,
  ) {
    super(message);
  }
  /** The first error message for a field path (e.g. "email"), for inline form errors. */
  fieldError(path: string): string | null {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message ?? null;
  }
}

/** Calls /api/unify/v1 with the session cookie; throws ApiError for 4xx/5xx. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(`/api/unify/v1${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const p = (data ?? {}) as { detail?: string; code?: string; errors?: FieldError[]; rule?: string };
    throw new ApiError(p.detail ?? `Request failed (${res.status})`, res.status, p.code ?? "error", p.errors ?? [], p.rule);
  }
  return data as T;
}
