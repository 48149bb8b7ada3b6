/**
 * The HTTP surface of the TradeLocker fake, under `/backend-api` (TradeLocker docs: "Base
 * URL demo.tradelocker.com/backend-api/ or live.tradelocker.com/backend-api/").
 *
 * - Auth endpoints answer bare JSON (`{accessToken, refreshToken}`, `{accounts}`), the way
 *   TradeLocker's Python client reads them; `/trade/*` answers `{"s":"ok","d":…}` or
 *   `{"s":"error","errmsg":…}`.
 * - `/trade/*` needs `Authorization: Bearer <accessToken>` and the `accNum` header (the docs
 *   mark `accNum` as a required header on every trade route).
 */
import type { z } from "zod";
import { type BodyCheck, checkBody, declaresJson } from "./body-check";
import { bearerToken, makeJwt, opaqueToken, RateWindow, round } from "./fake-kit";
import type { FakeLog, FakeReply, LoggedRequest } from "./fake-server";
import type { TradeLockerBook } from "./tradelocker-book";
import { accountDetailsRow, configBody, orderRow, positionRow, type RowStyle } from "./tradelocker-config";
import { type TlAccount, type TlInstrument, tlInstrumentDetails, tlInstrumentListing } from "./tradelocker-data";
import { closePositionBody, credentialsBody, modifyOrderBody, modifyPositionBody, placeOrderBody, refreshBody } from "./tradelocker-schemas";

export type TlCredentials = { email: string; password: string; server: string };

export type TlState = {
  book: TradeLockerBook;
  log: FakeLog;
  credentials: TlCredentials;
  style: RowStyle;
  /** HTTP status of `{"s":"error"}` answers to well-formed requests the broker refuses (brokers.md: 200). */
  errorHttpStatus: number;
  accessTokenTtlSec: number;
  secret: string;
  accessTokens: Map<string, number>;
  refreshTokens: Set<string>;
  placeOrderWindow: RateWindow;
};

const ok = (d: unknown): FakeReply => ({ status: 200, body: { s: "ok", d } });
const error = (status: number, errmsg: string): FakeReply => ({ status, body: { s: "error", errmsg } });

function issueTokens(state: TlState): FakeReply {
  const exp = Math.floor(Date.now() / 1000) + state.accessTokenTtlSec;
  const accessToken = makeJwt(state.secret, { sub: state.credentials.email, brandId: state.credentials.server, exp, jti: opaqueToken() });
  const refreshToken = opaqueToken();
  state.accessTokens.set(accessToken, exp * 1000);
  state.refreshTokens.add(refreshToken);
  // "201 Created" with the two tokens (TradeLocker API reference, "Fetch JWT token").
  return { status: 201, body: { accessToken, refreshToken, expireDate: new Date(exp * 1000).toISOString() } };
}

function validToken(state: TlState, req: LoggedRequest): boolean {
  const token = bearerToken(req);
  const expiresAt = token === undefined ? undefined : state.accessTokens.get(token);
  return expiresAt !== undefined && expiresAt > Date.now();
}

/** Checks a body, records violations, and returns either the value or the broker's 400. */
function body<T>(state: TlState, req: LoggedRequest, check: BodyCheck<T>): { value: T } | { reply: FakeReply } {
  if (req.body !== undefined && !declaresJson(req)) state.log.violate(req, "body sent without Content-Type: application/json");
  if (!check.ok) {
    for (const problem of check.problems) state.log.violate(req, problem);
    return { reply: error(400, check.problems.join("; ")) };
  }
  for (const field of check.unknownFields) state.log.violate(req, `field "${field}" is not in TradeLocker's documented request body`);
  return { value: check.value };
}

export function handleTradeLocker(state: TlState, req: LoggedRequest): FakeReply {
  const { method, path } = req;
  if (method === "POST" && path === "/auth/jwt/token") {
    const parsed = body(state, req, checkBody(req, credentialsBody));
    if ("reply" in parsed) return parsed.reply;
    const c = parsed.value;
    const known = state.credentials;
    if (c.email !== known.email || c.password !== known.password || c.server !== known.server) return error(400, "Invalid credentials");
    return issueTokens(state);
  }
  if (method === "POST" && path === "/auth/jwt/refresh") {
    const parsed = body(state, req, checkBody(req, refreshBody));
    if ("reply" in parsed) return parsed.reply;
    if (!state.refreshTokens.delete(parsed.value.refreshToken)) return error(401, "Invalid refresh token");
    return issueTokens(state);
  }
  if (!validToken(state, req)) {
    if (!req.headers["authorization"]) state.log.violate(req, "missing Authorization: Bearer header");
    return error(401, "Unauthorized");
  }
  if (method === "GET" && path === "/auth/jwt/all-accounts") {
    return { status: 200, body: { accounts: state.book.accounts.map((a) => accountListing(state, a)) } };
  }
  if (!path.startsWith("/trade/")) return error(404, `No route ${method} ${path}`);
  const account = accountFromHeader(state, req);
  if ("reply" in account) return account.reply;
  return tradeRoute(state, req, account.value);
}

function accountListing(state: TlState, a: TlAccount) {
  const s = (n: number) => (state.style.numericStrings ? String(n) : n);
  return { id: s(a.id), name: a.name, currency: a.currency, accNum: s(a.accNum), accountBalance: state.style.numericStrings ? a.balance.toFixed(2) : a.balance, status: "ACTIVE" };
}

function accountFromHeader(state: TlState, req: LoggedRequest): { value: TlAccount } | { reply: FakeReply } {
  const raw = req.headers["accnum"];
  if (raw === undefined) {
    state.log.violate(req, "missing accNum header (required on every /trade route)");
    return { reply: error(400, "Missing request header 'accNum'") };
  }
  const account = state.book.accounts.find((a) => String(a.accNum) === raw.trim());
  if (!account) {
    state.log.violate(req, `accNum header "${raw}" is not an account of this user`);
    return { reply: error(400, `Invalid accNum ${raw}`) };
  }
  return { value: account };
}

function tradeRoute(state: TlState, req: LoggedRequest, account: TlAccount): FakeReply {
  const { book, style } = state;
  const { method, path } = req;
  if (method === "GET" && path === "/trade/config") return ok(configBody(style));
  if (method === "GET" && path === "/trade/quotes") return quoteRoute(state, req);
  const instrumentMatch = path.match(/^\/trade\/instruments\/(\d+)$/);
  if (method === "GET" && instrumentMatch) {
    const instrument = book.instrumentById(Number(instrumentMatch[1]));
    return instrument ? ok(tlInstrumentDetails(instrument)) : error(404, "Instrument not found");
  }
  const accountMatch = path.match(/^\/trade\/accounts\/(\d+)\/(\w+)$/);
  if (accountMatch) {
    if (Number(accountMatch[1]) !== account.id) {
      state.log.violate(req, `accountId ${accountMatch[1]} in the path does not belong to accNum ${account.accNum}`);
      return error(400, "accountId does not match accNum");
    }
    return accountRoute(state, req, account, accountMatch[2]);
  }
  const entityMatch = path.match(/^\/trade\/(positions|orders)\/(\d+)$/);
  if (entityMatch) return entityRoute(state, req, account, entityMatch[1], Number(entityMatch[2]));
  return error(404, `No route ${method} ${path}`);
}

/**
 * `GET /trade/quotes?routeId=&tradableInstrumentId=` → `d: {ap, bp, as, bs}` ("Get current
 * prices"; routeId is the instrument's INFO route). No price: `{"s":"error"}`.
 */
function quoteRoute(state: TlState, req: LoggedRequest): FakeReply {
  const instrument = state.book.instrumentById(Number(req.query.get("tradableInstrumentId")));
  if (!instrument) {
    state.log.violate(req, "GET /trade/quotes without a known tradableInstrumentId");
    return error(400, "Unknown tradableInstrumentId");
  }
  if (Number(req.query.get("routeId")) !== instrument.infoRouteId) {
    state.log.violate(req, `routeId ${req.query.get("routeId")} is not the INFO route (${instrument.infoRouteId}) of ${instrument.name}`);
    return error(400, "Invalid routeId");
  }
  const quote = state.book.quoteOf(instrument);
  if (!quote) return error(state.errorHttpStatus, `No quotes for ${instrument.name}`);
  return ok({ ap: quote.ask, bp: quote.bid, as: 1_000_000, bs: 1_000_000 });
}

function instrumentFilter(req: LoggedRequest): number | undefined {
  const raw = req.query.get("tradableInstrumentId");
  return raw === null ? undefined : Number(raw);
}

function accountRoute(state: TlState, req: LoggedRequest, account: TlAccount, resource: string): FakeReply {
  const { book, style } = state;
  const filter = instrumentFilter(req);
  const keep = (id: number) => filter === undefined || id === filter;
  switch (`${req.method} ${resource}`) {
    case "GET instruments":
      return ok({ instruments: tlInstrumentListing() });
    case "GET positions":
      return ok({ positions: book.openPositions(account.id).map((p) => positionRow(book, p, style)) });
    case "GET orders":
      return ok({ orders: book.workingOrders(account.id).filter((o) => keep(o.tradableInstrumentId)).map((o) => orderRow(o, style)) });
    case "GET ordersHistory":
      return ok({ ordersHistory: book.historyOrders(account.id).filter((o) => keep(o.tradableInstrumentId)).map((o) => orderRow(o, style)) });
    case "GET state":
      return ok({ accountDetailsData: accountDetailsRow(book, account, style) });
    case "POST orders":
      return placeOrder(state, req, account);
    case "DELETE positions": {
      // Close all (optionally one instrument): "Places an order to close all open positions".
      for (const p of book.openPositions(account.id).filter((p) => keep(p.tradableInstrumentId))) book.closePosition(p, 0);
      return ok({});
    }
    case "DELETE orders": {
      // Pending client orders; SL/TP orders belong to their positions and go with them (unconfirmed).
      for (const o of book.workingOrders(account.id).filter((o) => keep(o.tradableInstrumentId) && o.role === "entry")) book.cancelOrder(o.id);
      return ok({});
    }
    default:
      return error(404, `No route ${req.method} ${req.path}`);
  }
}

function placeOrder(state: TlState, req: LoggedRequest, account: TlAccount): FakeReply {
  if (!state.placeOrderWindow.hit()) return { status: 429, body: { s: "error", errmsg: "Too many requests" } };
  const parsed = body(state, req, checkBody(req, placeOrderBody));
  if ("reply" in parsed) return parsed.reply;
  const o = parsed.value;
  const instrument = state.book.instrumentById(o.tradableInstrumentId);
  const rule = orderRuleBroken(o, instrument);
  if (rule) {
    state.log.violate(req, rule);
    return error(400, rule);
  }
  const inst = instrument as TlInstrument;
  const steps = o.qty / inst.lotStep;
  if (o.qty < inst.minLot || o.qty > inst.maxLot || Math.abs(steps - Math.round(steps)) > 1e-6) {
    return error(state.errorHttpStatus, `Invalid quantity ${o.qty}: lots ${inst.minLot}–${inst.maxLot} in steps of ${inst.lotStep}`);
  }
  const result = state.book.place({
    accountId: account.id,
    instrument: inst,
    qty: round(o.qty),
    side: o.side,
    type: o.type,
    validity: o.validity,
    price: o.price ?? null,
    stopPrice: o.stopPrice ?? null,
    stopLoss: o.stopLoss ?? null,
    stopLossType: o.stopLossType ?? null,
    takeProfit: o.takeProfit ?? null,
    takeProfitType: o.takeProfitType ?? null,
    strategyId: o.strategyId ?? null,
  });
  if (!result.ok) return error(state.errorHttpStatus, result.error);
  return ok({ orderId: state.style.numericStrings ? String(result.value.id) : result.value.id });
}

/** Rules the docs state for `POST /trade/accounts/{accountId}/orders`; breaking one is a client bug. */
function orderRuleBroken(o: z.output<typeof placeOrderBody>, instrument: TlInstrument | undefined): string | undefined {
  if (!instrument) return `unknown tradableInstrumentId ${o.tradableInstrumentId}`;
  if (o.routeId !== instrument.tradeRouteId) return `routeId ${o.routeId} is not the TRADE route (${instrument.tradeRouteId}) of ${instrument.name}`;
  if (o.type === "market" && o.validity !== "IOC") return "market orders must use validity IOC";
  if (o.type !== "market" && o.validity !== "GTC") return `${o.type} orders must use validity GTC`;
  if (o.type === "limit" && !(Number(o.price) > 0)) return "limit orders need a price";
  if (o.type === "stop" && !(Number(o.stopPrice) > 0)) return "stop orders need a stopPrice";
  if (!(o.qty > 0)) return "qty must be positive";
  if (o.stopLoss != null && o.stopLossType == null) return "stopLoss given without stopLossType";
  if (o.takeProfit != null && o.takeProfitType == null) return "takeProfit given without takeProfitType";
  return undefined;
}

function entityRoute(state: TlState, req: LoggedRequest, account: TlAccount, kind: string, id: number): FakeReply {
  const { book } = state;
  if (kind === "positions") {
    const position = book.openPositions(account.id).find((p) => p.id === id);
    if (!position) return error(state.errorHttpStatus, `Position ${id} not found`);
    if (req.method === "DELETE") {
      const parsed = body(state, req, checkBody(req, closePositionBody));
      if ("reply" in parsed) return parsed.reply;
      const result = book.closePosition(position, parsed.value.qty);
      return result.ok ? ok({}) : error(state.errorHttpStatus, result.error);
    }
    if (req.method === "PATCH") {
      const parsed = body(state, req, checkBody(req, modifyPositionBody));
      if ("reply" in parsed) return parsed.reply;
      const v = parsed.value;
      const result = book.modifyPosition(position, {
        stopLoss: v.stopLoss ?? undefined,
        stopLossType: v.stopLossType ?? undefined,
        takeProfit: v.takeProfit ?? undefined,
        takeProfitType: v.takeProfitType ?? undefined,
      });
      return result.ok ? ok({}) : error(state.errorHttpStatus, result.error);
    }
  }
  if (kind === "orders") {
    const order = book.workingOrders(account.id).find((o) => o.id === id);
    if (!order) return error(state.errorHttpStatus, `Order ${id} not found or not working`);
    if (req.method === "DELETE") {
      book.cancelOrder(order.id);
      return ok({});
    }
    if (req.method === "PATCH") {
      const parsed = body(state, req, checkBody(req, modifyOrderBody));
      if ("reply" in parsed) return parsed.reply;
      const v = parsed.value;
      const result = book.modifyOrder(order, { qty: v.qty ?? undefined, price: v.price ?? undefined, stopPrice: v.stopPrice ?? undefined });
      return result.ok ? ok({}) : error(state.errorHttpStatus, result.error);
    }
  }
  return error(404, `No route ${req.method} ${req.path}`);
}
