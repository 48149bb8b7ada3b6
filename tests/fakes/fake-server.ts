/**
 * The HTTP core shared by the broker contract fakes (TradeLocker, ProjectX, Tradovate).
 *
 * It listens on 127.0.0.1 on a random port, parses and logs every request, applies the
 * one-shot faults a test arms (401, 429, delay, dropped connection) and hands the request
 * to the broker's own protocol, which answers in that broker's envelope. Broker-specific
 * knowledge (paths, envelopes, token checks, the book) lives in the broker files; this file
 * only knows HTTP.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the fake received it. `path` is relative to the broker's base path. */
export type LoggedRequest = {
  method: string;
  path: string;
  url: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body; `undefined` when there was no body, the raw text when it was not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
};

/** What a broker protocol answers. `body` is sent as JSON unless `text` is given. */
export type FakeReply = {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
};

/** Which request a one-shot control applies to: a path substring (case-insensitive), a regex on the path, or a predicate. */
export type RequestMatcher = string | RegExp | ((req: LoggedRequest) => boolean);

/** The part of a fake that knows one broker's API. */
export type BrokerProtocol = {
  /** Prefix every route sits under, e.g. `/backend-api`, `/v1`, or `` for ProjectX. */
  basePath: string;
  /** Tradovate's docs spell paths in mixed case (`placeOSO`, `placeoso`), so its routes match case-insensitively. */
  caseInsensitivePaths?: boolean;
  /** True for routes that need a bearer token (the ones a 401 can hit). */
  requiresAuth(req: LoggedRequest): boolean;
  /** True for the requests that create an order (the default target of `dropNextConnection`). */
  isOrderPlacement(req: LoggedRequest): boolean;
  /** The broker's answer to an expired or missing token. */
  unauthorized(): FakeReply;
  /** The broker's answer when its rate limit is hit. */
  tooManyRequests(retryAfterSec?: number): FakeReply;
  /** Expire the token carried by `req` (so `failNextWith401` behaves like a real expiry, not a blip). */
  revokeToken(req: LoggedRequest): void;
  handle(req: LoggedRequest): FakeReply | Promise<FakeReply>;
};

type ArmedFault =
  | { kind: "401"; match: RequestMatcher | undefined }
  | { kind: "429"; match: RequestMatcher | undefined; retryAfterSec: number | undefined }
  | { kind: "delay"; match: RequestMatcher | undefined; ms: number; phase: "before" | "after" }
  | { kind: "drop"; match: RequestMatcher | undefined };

export type DelayOptions = {
  match?: RequestMatcher;
  /** `after` (default): the request is processed at once and only the answer is late — an order placed this way is in the book even if the client gave up. `before`: nothing happens until the delay is over. */
  phase?: "before" | "after";
};

/** Controls every fake exposes, whatever the broker. */
export type CommonControls = {
  /** Base URL to give the adapter (includes the broker's base path). */
  baseUrl: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  /** Every contract violation found in what the client sent. A correct client leaves this empty. */
  violations: string[];
  /** The next authenticated request (or the next matching one) gets the broker's 401 and its token is expired. */
  failNextWith401(match?: RequestMatcher): void;
  /** The next request (or the next matching one) gets HTTP 429, with `Retry-After` when given. */
  respond429Next(retryAfterSec?: number, match?: RequestMatcher): void;
  /** The next request (or the next matching one) is answered `ms` later. */
  delayNextMs(ms: number, options?: DelayOptions): void;
  /** The next order placement (or the next matching request) is processed — the order enters the book — and then the socket is destroyed without an answer. */
  dropNextConnection(match?: RequestMatcher): void;
  close(): Promise<void>;
};

/** The request log and the violations found in it; a broker's routes write to it. */
export class FakeLog {
  readonly requests: LoggedRequest[] = [];
  readonly violations: string[] = [];

  /** Records a violation against a request; the caller still answers as the broker would. */
  violate(req: LoggedRequest, message: string): void {
    this.violations.push(`${req.method} ${req.path}: ${message}`);
  }

  clear(): void {
    this.requests.length = 0;
    this.violations.length = 0;
  }
}

/** The core handed back to a broker file; it adds its book and controls on top. */
export type FakeCore = CommonControls & {
  /** Forgets requests, violations and armed faults. */
  resetCore(): void;
};

/** Whether `req` is the one a control armed with `match` targets (`fallback` decides when no matcher was given). */
export function requestMatches(match: RequestMatcher | undefined, req: LoggedRequest, fallback: (req: LoggedRequest) => boolean): boolean {
  if (match === undefined) return fallback(req);
  if (typeof match === "string") return req.path.toLowerCase().includes(match.toLowerCase());
  if (match instanceof RegExp) return match.test(req.path);
  return match(req);
}

function lowerHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function send(res: http.ServerResponse, reply: FakeReply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload = "";
  if (reply.text !== undefined) {
    payload = reply.text;
    headers["content-type"] ??= "text/plain; charset=utf-8";
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the HTTP core for one broker protocol. */
export async function startFakeServer(protocol: BrokerProtocol, log: FakeLog): Promise<FakeCore> {
  const { requests, violations } = log;
  let armed: ArmedFault[] = [];

  const take = <K extends ArmedFault["kind"]>(kind: K, req: LoggedRequest, fallback: (r: LoggedRequest) => boolean) => {
    const index = armed.findIndex((f) => f.kind === kind && requestMatches(f.match, req, fallback));
    if (index < 0) return undefined;
    const [fault] = armed.splice(index, 1);
    return fault as Extract<ArmedFault, { kind: K }>;
  };

  const base = protocol.basePath;
  const underBase = (pathname: string) => {
    const a = protocol.caseInsensitivePaths ? pathname.toLowerCase() : pathname;
    const b = protocol.caseInsensitivePaths ? base.toLowerCase() : base;
    return b === "" || a === b || a.startsWith(`${b}/`);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rawBody = await readBody(req);
    const logged: LoggedRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: underBase(url.pathname) ? url.pathname.slice(base.length) || "/" : url.pathname,
      url: url.pathname + url.search,
      query: url.searchParams,
      headers: lowerHeaders(req.headers),
      body: parseBody(rawBody),
      rawBody,
      receivedAt: Date.now(),
    };
    requests.push(logged);

    if (!underBase(url.pathname)) {
      violations.push(`${logged.method} ${url.pathname}: outside the base path ${base}`);
      send(res, { status: 404, text: "Not Found" });
      return;
    }

    const delay = take("delay", logged, () => true);
    if (delay?.phase === "before") await sleep(delay.ms);

    let reply: FakeReply;
    const tooMany = take("429", logged, () => true);
    const expire = tooMany ? undefined : take("401", logged, protocol.requiresAuth);
    if (tooMany) {
      reply = protocol.tooManyRequests(tooMany.retryAfterSec);
    } else if (expire) {
      protocol.revokeToken(logged);
      reply = protocol.unauthorized();
    } else {
      try {
        reply = await protocol.handle(logged);
      } catch (error) {
        // A bug in the fake, not the client; listed with the violations so no test passes over it.
        violations.push(`${logged.method} ${logged.path}: fake error (not a client violation): ${(error as Error).message}`);
        reply = { status: 500, text: "Internal Server Error" };
      }
    }

    if (take("drop", logged, protocol.isOrderPlacement)) {
      // Processed (the book has the order) but the client never hears back: the double-order case.
      req.socket.destroy();
      return;
    }
    if (delay?.phase === "after") await sleep(delay.ms);
    send(res, reply);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${base}`,
    requests,
    violations,
    failNextWith401: (match) => armed.push({ kind: "401", match }),
    respond429Next: (retryAfterSec, match) => armed.push({ kind: "429", match, retryAfterSec }),
    delayNextMs: (ms, options) => armed.push({ kind: "delay", match: options?.match, ms, phase: options?.phase ?? "after" }),
    dropNextConnection: (match) => armed.push({ kind: "drop", match }),
    resetCore: () => {
      log.clear();
      armed = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
