/**
 * Webhook body → validated Intent. Two shapes arrive: the strict `unify.v1` envelope (has
 * `version`) and the flat TradingView alert, where numbers are often strings because
 * TradingView substitutes `{{close}}` inside quotes, and where users paste extra fields.
 */
import type { z } from "zod";
import { envelopeSchema, intentSchema, type Intent, ORDER_TYPES, QTY_MODES, SL_MODES, TP_MODES, TRAILING_MODES } from "./schemas";

/** The alert after normalisation: transport fields plus the validated intent. */
export type NormalizedAlert = { id?: string; api_key?: string; source: string; ts?: string; intent: Intent };
export type AlertFieldError = { path: string; message: string };
export type NormalizeResult = { ok: true; envelope: NormalizedAlert } | { ok: false; errors: AlertFieldError[] };

type Json = Record<string, unknown>;
type QtyMode = (typeof QTY_MODES)[number];

const PLACEHOLDER = /\{\{[^{}]*\}\}/;
// Decimal or exponent notation, optionally signed so "-1" earns "must be greater than 0".
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const SENTIMENTS = ["long", "short", "flat"] as const;

// TradingView's strategy.* names and common spellings of the same modes.
const QTY_MODE_ALIASES: Record<string, QtyMode> = {
  contracts: "fixed", lots: "fixed", "strategy.fixed": "fixed",
  "strategy.cash": "cash", percent_of_equity: "pct_equity", "strategy.percent_of_equity": "pct_equity",
  risk_percent: "risk_pct",
};

// Flat field names for intent paths, so errors point at what the trader actually typed.
const FLAT_NAMES: Record<string, string> = {
  symbol: "ticker", qty: "quantity", qty_mode: "quantity_type", type: "order_type", side: "action",
  sl: "stop_loss", tp: "take_profit", trailing: "trailing_stop",
};

/**
 * Normalises a webhook body (already JSON-parsed, or the raw text of a text/plain body) into
 * a validated intent. Never throws; every problem comes back as a `{path, message}` the
 * trader can act on. Flat alerts get `source: "tradingview"`, envelopes without one `"api"`.
 */
export function normalizeAlert(body: unknown): NormalizeResult {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return fail("", "the body is not valid JSON");
    }
  }
  if (!isRecord(value)) return fail("", "the body must be a JSON object");
  return "version" in value ? normalizeEnvelope(value) : normalizeFlat(value);
}

function normalizeEnvelope(body: Json): NormalizeResult {
  const placeholders = findPlaceholders(body, []);
  if (placeholders.length > 0) return { ok: false, errors: placeholders };
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap((i) => describeIssue(i, body)) };
  const { id, api_key, ts, source, intent } = parsed.data;
  return { ok: true, envelope: { ...defined({ id, api_key, ts }), source: source ?? "api", intent } };
}

function normalizeFlat(body: Json): NormalizeResult {
  const errors: AlertFieldError[] = [];
  const text = (field: string) => readText(body, field, errors);
  const num = (field: string) => readPositive(body, field, errors);
  const oneOf = <T extends string>(field: string, allowed: readonly T[], fallback?: T) => {
    const v = text(field)?.toLowerCase();
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    errors.push({ path: field, message: `"${v}" is not one of ${allowed.join(", ")}` });
    return undefined;
  };

  const sentiment = oneOf("sentiment", SENTIMENTS);
  const action = resolveAction(text("action")?.toLowerCase(), sentiment, errors);
  const rawQtyType = text("quantity_type")?.toLowerCase();
  const qtyMode = rawQtyType === undefined ? undefined : (QTY_MODE_ALIASES[rawQtyType] ?? rawQtyType);
  if (qtyMode !== undefined && !(QTY_MODES as readonly string[]).includes(qtyMode)) {
    errors.push({ path: "quantity_type", message: `"${rawQtyType}" is not one of ${QTY_MODES.join(", ")}` });
  }
  // Read even when dropped below: a broken quantity still means a broken template.
  const qty = num("quantity");
  const intent = {
    account_id: text("account_id"),
    action: action?.action,
    side: action?.side,
    type: oneOf("order_type", ORDER_TYPES),
    symbol: text("ticker") ?? text("symbol"),
    qty_mode: action?.wholePosition ? undefined : (qtyMode as QtyMode | undefined),
    qty: action?.wholePosition ? undefined : qty,
    price: num("price"),
    sl: level(num("stop_loss"), oneOf("stop_loss_type", SL_MODES, "price")),
    tp: level(num("take_profit"), oneOf("take_profit_type", TP_MODES, "price")),
    trailing: level(num("trailing_stop"), oneOf("trailing_type", TRAILING_MODES, "pips")),
    // A label only: a long TradingView comment is cut rather than costing the trade.
    tag: (text("tag") ?? text("comment"))?.slice(0, 64),
  };
  const id = text("id");
  const ts = text("ts");
  const api_key = text("api_key");
  if (id !== undefined && !envelopeSchema.shape.id.safeParse(id).success) {
    errors.push({ path: "id", message: "must be 1 to 128 characters" });
  }
  if (ts !== undefined && !envelopeSchema.shape.ts.safeParse(ts).success) {
    errors.push({ path: "ts", message: "must be an ISO-8601 time" });
  }
  if (errors.length > 0) return { ok: false, errors };

  const parsed = intentSchema.safeParse(defined(intent));
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: flatPath(i.path), message: i.message })) };
  }
  return { ok: true, envelope: { ...defined({ id, api_key, ts }), source: "tradingview", intent: parsed.data } };
}

type ResolvedAction = { action: Intent["action"]; side?: Intent["side"]; wholePosition?: boolean };

/**
 * TradingView strategy alerts send `{{strategy.order.action}}` (buy/sell) and
 * `{{strategy.market_position}}` (the position AFTER the order) as sentiment. So sell+flat
 * closes a long, buy+flat closes a short, and sell+long (still long after selling) is a
 * partial close. Flat means "end with no position", so the quantity is dropped and the
 * whole position closes even when our size differs from TradingView's.
 */
function resolveAction(action: string | undefined, sentiment: string | undefined, errors: AlertFieldError[]): ResolvedAction | undefined {
  const side = action === "buy" || action === "long" ? "buy" : action === "sell" || action === "short" ? "sell" : undefined;
  if (side) {
    if (sentiment === "flat") return { action: "exit", wholePosition: true };
    if ((side === "buy" && sentiment === "short") || (side === "sell" && sentiment === "long")) return { action: "exit" };
    return { action: "entry", side };
  }
  if (action === "exit" || action === "close") return { action: "exit", wholePosition: sentiment === "flat" };
  if (action === "cancel") return { action: "cancel" };
  if (action === "exit_all" || action === "close_all" || action === "flatten") return { action: "exit_all" };
  if (action === "reverse") {
    if (sentiment === "long" || sentiment === "short") return { action: "reverse", side: sentiment === "long" ? "buy" : "sell" };
    errors.push({ path: "sentiment", message: "must be long or short with action reverse (the side to end up on)" });
    return undefined;
  }
  if (action === undefined) {
    if (sentiment === "long" || sentiment === "short") return { action: "entry", side: sentiment === "long" ? "buy" : "sell" };
    if (sentiment === "flat") return { action: "exit", wholePosition: true };
    errors.push({ path: "action", message: "is required (buy, sell, exit, cancel; or a sentiment)" });
    return undefined;
  }
  errors.push({ path: "action", message: `"${action}" is not one of buy, sell, long, short, exit, close, cancel, exit_all, reverse` });
  return undefined;
}

/** Reads an optional text field; numbers are accepted as their decimal text (ids often are). */
function readText(body: Json, field: string, errors: AlertFieldError[]): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") {
    errors.push({ path: field, message: "must be text" });
    return undefined;
  }
  const placeholder = PLACEHOLDER.exec(v);
  if (placeholder) {
    errors.push({ path: field, message: placeholderMessage(placeholder[0]) });
    return undefined;
  }
  return v.trim();
}

/** Reads an optional number > 0, given as a JSON number or as numeric text. */
function readPositive(body: Json, field: string, errors: AlertFieldError[]): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  let n: number;
  if (typeof v === "number") {
    n = v;
  } else if (typeof v === "string") {
    const s = v.trim();
    const placeholder = PLACEHOLDER.exec(s);
    if (placeholder) return push(errors, field, placeholderMessage(placeholder[0]));
    if (s === "") return push(errors, field, "is empty; send a number or leave the field out");
    if (!NUMERIC.test(s)) return push(errors, field, `"${s}" is not a number`);
    n = Number(s);
  } else {
    return push(errors, field, "must be a number");
  }
  if (!Number.isFinite(n)) return push(errors, field, "must be a finite number");
  if (n <= 0) return push(errors, field, `must be greater than 0 (got ${n})`);
  return n;
}

function push(errors: AlertFieldError[], path: string, message: string): undefined {
  errors.push({ path, message });
  return undefined;
}

function placeholderMessage(placeholder: string): string {
  return `holds the TradingView placeholder ${placeholder}, which was not substituted: check its spelling, and note that {{strategy.…}} placeholders only work in strategy alerts`;
}

function level<M extends string>(value: number | undefined, mode: M | undefined) {
  return value === undefined || mode === undefined ? undefined : { mode, value };
}

/** Every string in the envelope still holding `{{…}}`, with its dotted path. */
function findPlaceholders(value: unknown, path: PropertyKey[]): AlertFieldError[] {
  if (typeof value === "string") {
    const m = PLACEHOLDER.exec(value);
    return m ? [{ path: joinPath(path), message: placeholderMessage(m[0]) }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, [...path, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, [...path, k]));
  return [];
}

/** Rewrites zod's generic wording into sentences about the trader's own field. */
function describeIssue(issue: z.core.$ZodIssue, body: Json): AlertFieldError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ path: joinPath([...issue.path, k]), message: "is not a field of unify.v1" }));
  }
  const path = joinPath(issue.path);
  if (issue.code === "invalid_value") {
    const values = issue.values.map((v) => JSON.stringify(v));
    return [{ path, message: values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(", ")}` }];
  }
  if (issue.code === "invalid_type") {
    const input = valueAt(body, issue.path);
    if (input === undefined) return [{ path, message: "is required" }];
    if (issue.expected === "number" && typeof input === "string") {
      return [{ path, message: `must be a JSON number, not text: write ${input.trim() || "1.5"} without quotes` }];
    }
  }
  return [{ path, message: issue.message }];
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (isRecord(v) ? v[String(k)] : undefined), body);
}

function flatPath(path: PropertyKey[]): string {
  const head = String(path[0] ?? "");
  return FLAT_NAMES[head] ?? head;
}

function joinPath(path: PropertyKey[]): string {
  return path.map(String).join(".");
}

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Drops undefined properties so results compare and serialise cleanly. */
function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fail(path: string, message: string): NormalizeResult {
  return { ok: false, errors: [{ path, message }] };
}
