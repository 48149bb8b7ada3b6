import { z } from "zod";
import pkg from "@/package.json";
import { authResponse, loginBody, signupBody, twoFactorCodeBody } from "@/lib/auth/schemas";
import { accountView, createAccountBody, updateAccountBody } from "@/lib/accounts/schemas";
import { envelopeSchema, intentSchema } from "@/lib/intake/schemas";
import { putRiskBody } from "@/lib/risk/schemas";
import { putTradingConfigBody } from "@/lib/sizing/schemas";
import { closePositionBody, orderView, ordersQuery, positionView, positionsQuery } from "@/lib/trading/schemas";
import { logsQuery, webhookEventsQuery } from "@/lib/activity/schemas";
import { analyticsRangeQuery, drawdownQuery, drawdownView, equityQuery, equityView, exposureView, summaryView } from "@/lib/analytics/schemas";
import { ERROR_STATUS } from "./errors";

type Auth = "none" | "session" | "api_key" | "api_key_or_session" | "admin" | "device" | "metrics";
type Endpoint = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  contentType?: string;
};

const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(Object.keys(ERROR_STATUS) as [string, ...string[]]),
  correlation_id: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  rule: z.string().optional(),
  broker_code: z.string().optional(),
});

const flatAlert = z.looseObject({
  api_key: z.string().optional(),
  ticker: z.string(),
  action: z.string(),
  sentiment: z.enum(["long", "short", "flat"]).optional(),
  quantity: z.union([z.string(), z.number()]).optional(),
  quantity_type: z.string().optional(),
  order_type: z.string().optional(),
  price: z.union([z.string(), z.number()]).optional(),
  stop_loss: z.union([z.string(), z.number()]).optional(),
  take_profit: z.union([z.string(), z.number()]).optional(),
  id: z.string().optional(),
});
const alertBody = z.union([envelopeSchema, flatAlert]);
const alertAnswer = z.object({
  ok: z.literal(true),
  order_id: z.uuid(),
  status: z.enum(["filled", "submitted", "pending"]),
  broker_order_id: z.string().optional(),
  filled_qty: z.number().optional(),
  avg_price: z.number().optional(),
  correlation_id: z.string(),
  latency_ms: z.number(),
});
const brokerQuery = z.object({ broker: z.string().optional() });

/** Every public endpoint of /api/unify/v1, with the zod schemas the handlers validate with. */
export const ENDPOINTS: Endpoint[] = [
  { method: "post", path: "/auth/signup", summary: "Create a trial account and sign in", auth: "none", body: signupBody, response: authResponse, status: 201 },
  { method: "post", path: "/auth/login", summary: "Sign in (2FA code when enabled)", auth: "none", body: loginBody, response: authResponse },
  { method: "post", path: "/auth/logout", summary: "End this session", auth: "session", status: 204 },
  { method: "post", path: "/auth/2fa/setup", summary: "Start 2FA: a TOTP secret as otpauth URL and QR code", auth: "session", response: z.object({ otpauth_url: z.string(), qr_data_url: z.string() }) },
  { method: "post", path: "/auth/2fa/enable", summary: "Turn 2FA on with the current code; returns 10 backup codes", auth: "session", body: twoFactorCodeBody, response: z.object({ backup_codes: z.array(z.string()) }) },
  { method: "post", path: "/auth/2fa/disable", summary: "Turn 2FA off with a current or backup code", auth: "session", body: twoFactorCodeBody, status: 204 },
  { method: "get", path: "/accounts", summary: "List broker accounts", auth: "session", response: z.object({ accounts: z.array(accountView) }) },
  {
    method: "post",
    path: "/accounts",
    summary: "Connect a broker account (API key and webhook secret shown once)",
    auth: "session",
    body: createAccountBody,
    response: z.object({ account: accountView, api_key: z.string(), webhook_secret: z.string(), ea_device: z.object({ device_id: z.string(), device_secret: z.string() }).optional() }),
    status: 201,
  },
  { method: "get", path: "/accounts/{id}", summary: "One broker account", auth: "session", response: z.object({ account: accountView }) },
  { method: "patch", path: "/accounts/{id}", summary: "Rename, enable/disable, webhook security", auth: "session", body: updateAccountBody, response: z.object({ account: accountView }) },
  { method: "delete", path: "/accounts/{id}", summary: "Delete an account (no open positions)", auth: "session", status: 204 },
  { method: "post", path: "/accounts/{id}/api-key", summary: "Regenerate the API key (old one revoked at once)", auth: "session", response: z.object({ api_key: z.string() }) },
  { method: "post", path: "/webhook/{broker}", summary: "Alert → order (unify.v1 envelope or flat TradingView alert; JSON or text/plain)", auth: "api_key", body: alertBody, response: alertAnswer },
  { method: "post", path: "/order", summary: "Place an order (envelope or bare intent)", auth: "api_key_or_session", body: z.union([envelopeSchema, intentSchema]), response: alertAnswer },
  { method: "post", path: "/alerts/validate", summary: "Dry run: normalised intent, sized order, blocking rule", auth: "session", body: alertBody },
  { method: "get", path: "/positions", summary: "Positions", auth: "session", query: positionsQuery, response: z.object({ positions: z.array(positionView) }) },
  { method: "post", path: "/positions/{id}/close", summary: "Close a position (or part of it)", auth: "session", body: closePositionBody, response: z.object({ ok: z.boolean(), order_id: z.uuid(), status: z.string(), realized_pnl: z.number() }) },
  { method: "get", path: "/orders", summary: "Orders, newest first, cursor pagination", auth: "session", query: ordersQuery, response: z.object({ orders: z.array(orderView), next_cursor: z.string().nullable() }) },
  {
    method: "post",
    path: "/emergency-stop",
    summary: "Disable every account, cancel orders, flatten everything",
    auth: "session",
    response: z.object({ positions_closed: z.number(), orders_cancelled: z.number(), accounts_disabled: z.number(), total_pnl: z.number(), pending: z.number(), errors: z.array(z.object({ account_id: z.string(), position_id: z.string().optional(), symbol: z.string().optional(), error: z.string() })) }),
  },
  { method: "get", path: "/risk", summary: "Risk rules (defaults, or ?broker= override)", auth: "session", query: brokerQuery, response: putRiskBody },
  { method: "put", path: "/risk", summary: "Save risk rules (defaults, or ?broker= override)", auth: "session", query: brokerQuery, body: putRiskBody, response: putRiskBody },
  { method: "delete", path: "/risk", summary: "Remove a broker override", auth: "session", query: brokerQuery, status: 204 },
  { method: "get", path: "/trading-config", summary: "Trading config (?broker=)", auth: "session", query: brokerQuery, response: putTradingConfigBody },
  { method: "put", path: "/trading-config", summary: "Save trading config (?broker=)", auth: "session", query: brokerQuery, body: putTradingConfigBody, response: putTradingConfigBody },
  { method: "get", path: "/analytics/summary", summary: "Win rate, profit factor, expectancy, Sharpe, drawdown, breakdowns", auth: "session", query: analyticsRangeQuery, response: summaryView },
  { method: "get", path: "/analytics/equity", summary: "Equity and balance curve", auth: "session", query: equityQuery, response: equityView },
  { method: "get", path: "/analytics/drawdown", summary: "Intraday drawdown of one day", auth: "session", query: drawdownQuery, response: drawdownView },
  { method: "get", path: "/analytics/exposure", summary: "Treemap data: notional and P&L per symbol", auth: "session", response: exposureView },
  { method: "get", path: "/exports/trades.csv", summary: "Closed trades as CSV", auth: "session", query: analyticsRangeQuery, contentType: "text/csv" },
  { method: "get", path: "/logs", summary: "Activity log (tail with ?after=)", auth: "session", query: logsQuery },
  { method: "get", path: "/webhook-events", summary: "Alerts received, with the reason for each rejection", auth: "session", query: webhookEventsQuery },
  { method: "get", path: "/stream", summary: "Server-Sent Events: position, order, log, health, account, webhook, risk", auth: "session", contentType: "text/event-stream" },
  { method: "post", path: "/ea/poll", summary: "MetaTrader EA: report state, receive commands (X-Device-Id, X-Signature)", auth: "device" },
  { method: "post", path: "/ea/ack", summary: "MetaTrader EA: acknowledge a command", auth: "device" },
  { method: "get", path: "/health", summary: "Database, bus and broker health", auth: "none" },
  { method: "get", path: "/ping", summary: "Liveness without dependencies", auth: "none" },
  { method: "post", path: "/ping", summary: "Liveness without dependencies", auth: "none" },
  { method: "get", path: "/metrics", summary: "Prometheus metrics (Bearer METRICS_TOKEN when set)", auth: "metrics", contentType: "text/plain" },
  { method: "get", path: "/openapi.json", summary: "This document", auth: "none" },
];

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  session: [{ session: [] }, { cookie: [] }],
  admin: [{ session: [] }, { cookie: [] }],
  api_key: [{ apiKey: [] }],
  api_key_or_session: [{ apiKey: [] }, { session: [] }, { cookie: [] }],
  device: [{ deviceSignature: [] }],
  metrics: [{ metricsToken: [] }],
};

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

function queryParameters(schema: z.ZodType) {
  const s = json(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: s.required?.includes(name) ?? false, schema }));
}

/** The OpenAPI 3.1 document of the whole API, generated from the zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const status = String(e.status ?? 200);
    const okContent = e.status === 204 ? undefined : { [e.contentType ?? "application/json"]: { schema: e.response ? json(e.response) : {} } };
    paths[e.path] ??= {};
    paths[e.path][e.method] = {
      summary: e.summary,
      security: SECURITY[e.auth],
      parameters: [...params, ...(e.query ? queryParameters(e.query) : []), { name: "X-Correlation-Id", in: "header", required: false, schema: { type: "string" } }],
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: json(e.body) }, ...(e.path.startsWith("/webhook") ? { "text/plain": { schema: { type: "string" } } } : {}) } } } : {}),
      responses: {
        [status]: { description: "Success", ...(okContent ? { content: okContent } : {}) },
        default: { description: "Error (RFC 7807)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Unify API", version: pkg.version, description: "Multi-broker trading automation: alerts → risk checks → broker orders." },
    servers: [{ url: "/api/unify/v1" }],
    paths,
    components: {
      schemas: { Problem: json(problem) },
      securitySchemes: {
        session: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        cookie: { type: "apiKey", in: "cookie", name: "unify_session" },
        apiKey: { type: "http", scheme: "bearer", description: "Account API key uk_live_…/uk_demo_…; also accepted as `api_key` in the body" },
        deviceSignature: { type: "apiKey", in: "header", name: "X-Signature", description: "t=<unix>,v1=<HMAC-SHA256 of t.body with the device secret>, with X-Device-Id" },
        metricsToken: { type: "http", scheme: "bearer" },
      },
    },
  };
}
