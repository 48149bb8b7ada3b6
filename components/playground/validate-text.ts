/**
 * Live, in-browser validation of the playground's alert text with the webhook's own
 * normaliser and schemas, so every error names the field (and the line) the trader typed.
 */
import { normalizeAlert } from "@/lib/intake/normalize";
import type { Intent } from "@/lib/intake/schemas";
import { lineForPath, parseWithPositions } from "./json-positions";

export type AlertFormat = "envelope" | "flat" | "intent";
export type TextIssue = { path: string; message: string; line?: number };
export type TextValidation =
  | { ok: true; format: AlertFormat; intent: Intent; hasApiKey: boolean }
  | { ok: false; format: AlertFormat | null; issues: TextIssue[] };

// Fields only the bare intent (POST /order) has; the flat format never reads them.
const INTENT_ONLY = ["side", "qty", "qty_mode", "type", "sl", "tp", "trailing"];
// Fields only the flat TradingView format reads.
const FLAT_ONLY = ["ticker", "sentiment", "quantity", "quantity_type", "order_type", "stop_loss", "take_profit", "trailing_stop", "comment"];

/** Which of the three shapes a JSON object is: the unify.v1 envelope, a flat TradingView alert, or a bare intent. */
export function detectFormat(body: Record<string, unknown>): AlertFormat {
  if ("version" in body) return "envelope";
  const has = (keys: string[]) => keys.some((k) => k in body);
  return has(INTENT_ONLY) && !has(FLAT_ONLY) ? "intent" : "flat";
}

/** Validates alert text as the webhook would (a bare intent as POST /order would). */
export function validateAlertText(text: string): TextValidation {
  const parsed = parseWithPositions(text);
  if (!parsed.ok) return { ok: false, format: null, issues: [{ path: "", message: parsed.error.message, line: parsed.error.line }] };
  const body = parsed.value;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, format: null, issues: [{ path: "", message: "The alert must be a JSON object { … }", line: 1 }] };
  }
  const record = body as Record<string, unknown>;
  const format = detectFormat(record);
  const { api_key: _key, ...rest } = record;
  const result = normalizeAlert(format === "intent" ? { version: "unify.v1", intent: rest } : record);
  if (result.ok) return { ok: true, format, intent: result.envelope.intent, hasApiKey: "api_key" in record };
  const issues = result.errors.map((e) => {
    // A bare intent was wrapped for the normaliser: report paths as the trader wrote them.
    const path = format === "intent" ? e.path.replace(/^intent\.?/, "") : e.path;
    return { path, message: e.message, line: lineForPath(parsed.lines, path) };
  });
  return { ok: false, format, issues };
}

/** Where a property's text starts, for moving the caret to an error's line. */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}
