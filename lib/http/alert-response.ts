import type { AlertAnswer } from "@/lib/execution/answers";

/** An alert's answer as an HTTP response (problem+json for errors). */
export function alertResponse(answer: AlertAnswer): Response {
  const headers: Record<string, string> = { ...answer.headers };
  headers["content-type"] = answer.status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}
