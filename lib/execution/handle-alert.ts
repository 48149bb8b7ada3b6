import type { SessionUser } from "@/lib/auth/authenticate";
import type { Claims } from "@/lib/db/as-user";
import { AppError, toAppError } from "@/lib/http/errors";
import { problemAnswer, type AlertAnswer } from "./answers";

export type { AlertAnswer } from "./answers";
import { parseJsonText } from "@/lib/http/body";
import { authenticateAlert, type AlertCaller } from "@/lib/intake/authenticate-alert";
import { normalizeAlert } from "@/lib/intake/normalize";
import { wrapBareIntent } from "@/lib/intake/bare-intent";
import { enforcePlanRate } from "@/lib/intake/rate-limit";
import { rawExcerpt, recordRejection, redactPayload } from "@/lib/intake/record-rejection";
import { metrics } from "@/lib/metrics/registry";
import { getBus } from "@/lib/events";
import { log } from "@/lib/log/logger";
import { BROKER_IDS, type BrokerId } from "@/brokers/types";
import { brokerParam } from "@/lib/accounts/schemas";
import { runOrderAlert } from "./run-order-alert";
import { runAccountAction } from "./run-account-action";
import { accountDisabled, opensExposure } from "./admit-order";

export type AlertRequest = {
  /** Reads the raw body (≤ 64 KiB); inside the pipeline so an oversized body is logged too. */
  readBody: () => Promise<string>;
  headers: Headers;
  ip: string;
  correlationId: string;
  /** /webhook/{broker}: the broker named in the URL (validated here); null for POST /order. */
  brokerInPath: string | null;
  sessionUser: SessionUser | null;
  source: "webhook" | "order";
  /** performance.now() when the request arrived: the 2.5 s answer budget runs from here. */
  startedAt: number;
};


const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * An alert from TradingView, a bot or POST /order, from raw body to answer: parse,
 * authenticate, validate, rate-limit, then the pipeline. Every outcome is logged in
 * webhook_events with the reason, counted in metrics and published as webhook.received.
 */
export async function handleAlert(req: AlertRequest): Promise<AlertAnswer> {
  let body: unknown;
  let raw = "";
  let caller: AlertCaller | null = null;
  let answer: AlertAnswer;
  const broker = req.brokerInPath === null ? null : brokerParam.safeParse(req.brokerInPath);
  try {
    if (broker && !broker.success) throw new AppError("not_found", `Unknown broker "${req.brokerInPath}". Use one of ${BROKER_IDS.join(", ")}.`);
    raw = await req.readBody();
    body = parseJsonText({ headers: req.headers }, raw);
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("invalid_request", "The alert must be a JSON object.");
    // POST /order also takes the bare intent object.
    if (req.source === "order") body = wrapBareIntent(body, "api");
    const normalized = normalizeAlert(body);
    caller = await authenticateAlert({
      headers: req.headers,
      rawBody: raw,
      body,
      ip: req.ip,
      brokerInPath: broker?.success ? broker.data : null,
      sessionUser: req.sessionUser,
      accountIdInIntent: normalized.ok ? normalized.envelope.intent.account_id : undefined,
    });
    if (!normalized.ok) {
      const first = normalized.errors[0];
      throw new AppError("invalid_request", first ? `${first.path}: ${first.message}` : "The alert is not valid.", { errors: normalized.errors });
    }
    const { intent } = normalized.envelope;
    if (intent.account_id && intent.account_id !== caller.account.account_id) {
      throw new AppError("forbidden", "intent.account_id names another account than the API key's; use that account's own key.");
    }
    if (!caller.account.enabled && opensExposure(intent.action)) throw accountDisabled();
    await enforcePlanRate(caller.account.user_id, caller.account.plan);
    // The header is printable ASCII; the body's id is any text of 1–128 characters
    // (TradingView ids built from {{strategy.order.id}} hold spaces and accented letters).
    const header = req.headers.get("idempotency-key")?.trim() || null;
    if (header && !IDEMPOTENCY_KEY.test(header)) throw new AppError("invalid_request", "Idempotency-Key must be 1–128 printable ASCII characters.");
    const key = header ?? normalized.envelope.id ?? null;
    const claims: Claims = { sub: caller.account.user_id, role: caller.account.role, email: caller.account.email };
    const ctx = { req, caller, intent, idempotencyKey: key, claims, payload: redactPayload(body) };
    answer = intent.action === "exit_all" || intent.action === "cancel" ? await runAccountAction(ctx) : await runOrderAlert(ctx);
  } catch (err) {
    const error = toAppError(err);
    if (error.code === "internal") log.error("alert failed", { correlation_id: req.correlationId, error: (err as Error)?.stack ?? String(err) });
    await recordRejection({
      account: caller?.account ?? null,
      broker: broker?.success ? broker.data : null,
      payload: body === undefined ? undefined : redactPayload(body),
      rawExcerpt: body === undefined ? rawExcerpt(raw) : null,
      signatureValid: error.code === "invalid_signature" || error.code === "signature_expired" ? false : (caller?.signatureValid ?? null),
      error,
      ip: req.ip,
      latencyMs: performance.now() - req.startedAt,
      correlationId: req.correlationId,
    });
    answer = problemAnswer(error, req.correlationId);
  }
  await observe(req, caller, answer, broker?.success ? broker.data : null);
  return answer;
}

async function observe(req: AlertRequest, caller: AlertCaller | null, answer: AlertAnswer, brokerInPath: BrokerId | null) {
  const seconds = (performance.now() - req.startedAt) / 1000;
  const replayed = answer.headers?.["idempotent-replayed"] === "true";
  const outcome = replayed ? "replayed" : answer.status < 400 ? "accepted" : "rejected";
  const broker = caller?.account.broker ?? brokerInPath ?? "unknown";
  metrics().webhookLatency.labels(broker, outcome).observe(seconds);
  if (answer.status >= 400) metrics().rejectsTotal.labels(String(answer.body.rule ?? answer.body.code ?? answer.status)).inc();
  try {
    const bus = await getBus();
    await bus.publish("webhook.received", {
      user_id: caller?.account.user_id ?? null,
      correlation_id: req.correlationId,
      at: new Date().toISOString(),
      account_id: caller?.account.account_id ?? null,
      broker,
      outcome,
      status_code: answer.status,
      code: typeof answer.body.code === "string" ? answer.body.code : null,
      reason: typeof answer.body.detail === "string" ? answer.body.detail : null,
      latency_ms: Math.round(seconds * 1e6) / 1e3,
    });
  } catch (err) {
    log.warn("publishing webhook.received failed", { error: String(err) });
  }
}

export type AlertContext = {
  req: AlertRequest;
  caller: AlertCaller;
  intent: import("@/lib/intake/schemas").Intent;
  idempotencyKey: string | null;
  claims: Claims;
  payload: unknown;
};

