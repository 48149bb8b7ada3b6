/**
 * The HTTP surface of the Tradovate fake, under `/v1` (docs: `https://demo.tradovateapi.com/v1`).
 * Paths match case-insensitively because the docs spell them both ways (`/order/placeOSO`
 * and `/order/placeoso`, `/auth/accessTokenRequest` and `/auth/accesstokenrequest`).
 * Order commands answer HTTP 200 with `{orderId}` or `{failureReason, failureText}`;
 * rate limits answer 200 penalty tickets (auth) or a bare 429.
 */
import type { z } from "zod";
import { checkBody } from "./body-check";
import { bearerToken, opaqueToken, type RateWindow } from "./fake-kit";
import type { FakeLog, FakeReply, LoggedRequest } from "./fake-server";
import type { TradovateBook, TvOrderSpec } from "./tradovate-book";
import { contractView, maturityView, orderView, productView, TV_PRODUCTS, type TvAccount, type TvFailureReason } from "./tradovate-data";
import { orderReads } from "./tradovate-order-reads";
import type { PenaltyBox } from "./tradovate-penalty";
import { accessTokenBody, cancelBody, liquidateBody, missingPrice, placeOrderBody, placeOsoBody, snapshotBody } from "./tradovate-schemas";

export type TvCredentials = { name: string; password: string; appId: string; appVersion: string; cid: number; sec: string };

export type TvState = {
  book: TradovateBook;
  log: FakeLog;
  credentials: TvCredentials;
  userId: number;
  tokenTtlMinutes: number;
  tokens: Map<string, number>;
  /** Docs: "Authentication: 10 requests/minute". */
  authWindow: RateWindow;
  /** Docs: 5000 requests/minute for general endpoints. */
  window: RateWindow;
  penalties: PenaltyBox;
};

const json = (body: unknown): FakeReply => ({ status: 200, body });
const failed = (failureReason: TvFailureReason, failureText: string): FakeReply => json({ failureReason, failureText });

export function handleTradovate(state: TvState, incoming: LoggedRequest): FakeReply {
  const screened = state.penalties.screen(incoming);
  if ("reply" in screened) return screened.reply;
  const req = screened.req;
  const route = `${req.method} ${req.path.toLowerCase()}`;
  if (route === "POST /auth/accesstokenrequest") {
    // Over the auth limit the server hands out a time penalty rather than a token.
    if (!state.authWindow.hit()) return state.penalties.issue(req, state.authWindow.secondsUntilFree());
    return accessToken(state, req);
  }
  const token = bearerToken(req);
  const expiresAt = token === undefined ? undefined : state.tokens.get(token);
  if (expiresAt === undefined || expiresAt <= Date.now()) {
    if (token === undefined) state.log.violate(req, "missing Authorization: Bearer header");
    return { status: 401 };
  }
  if (!state.window.hit()) return { status: 429 }; // docs: "HTTP/1.1 429 Too Many Requests, Content-Length: 0"
  return authenticated(state, req, route);
}

function tokenResponse(state: TvState) {
  const expirationTime = new Date(Date.now() + state.tokenTtlMinutes * 60_000);
  const accessToken = opaqueToken();
  state.tokens.set(accessToken, expirationTime.getTime());
  return {
    accessToken,
    mdAccessToken: opaqueToken(),
    expirationTime: expirationTime.toISOString(),
    passwordExpirationTime: "2027-12-31T00:00:00Z",
    userStatus: "Active",
    userId: state.userId,
    name: state.credentials.name,
    hasLive: false,
  };
}

function accessToken(state: TvState, req: LoggedRequest): FakeReply {
  const check = checkBody(req, accessTokenBody);
  if (!check.ok) {
    for (const problem of check.problems) state.log.violate(req, problem);
    return json({ errorText: check.problems.join("; ") });
  }
  for (const field of check.unknownFields) state.log.violate(req, `field "${field}" is not in the documented AccessTokenRequest`);
  const c = check.value;
  const known = state.credentials;
  // The failure wording is the fake's; the docs only say errorText is "non-empty if the request failed".
  if (c.name !== known.name || c.password !== known.password) return json({ errorText: "Incorrect username or password." });
  if (Number(c.cid) !== known.cid || c.sec !== known.sec || c.appId !== known.appId) return json({ errorText: "The API key (cid/sec) is not valid for this app." });
  return json(tokenResponse(state));
}

function authenticated(state: TvState, req: LoggedRequest, route: string): FakeReply {
  const { book } = state;
  const id = Number(req.query.get("id"));
  const name = req.query.get("name") ?? "";
  const notFound: FakeReply = { status: 404, text: "Not found" };
  switch (route) {
    case "GET /auth/renewaccesstoken":
      return json(tokenResponse(state));
    case "GET /account/list":
      return json(book.accounts);
    case "GET /account/item":
      return json(book.accounts.find((a) => a.id === id) ?? null);
    case "GET /contract/find": {
      const contract = book.contracts.find((c) => c.name === name);
      return contract ? json(contractView(contract)) : notFound;
    }
    case "GET /contract/item": {
      const contract = book.contracts.find((c) => c.id === id);
      return contract ? json(contractView(contract)) : notFound;
    }
    case "GET /contractmaturity/item": {
      const contract = book.contracts.find((c) => c.contractMaturityId === id);
      return contract ? json(maturityView(contract)) : notFound;
    }
    case "GET /product/find":
    case "GET /product/item": {
      const product = TV_PRODUCTS.find((p) => p.name === name || p.id === id);
      return product ? json(productView(product)) : notFound;
    }
    case "GET /position/list":
      return json(book.positions);
    case "GET /order/list":
      return json(book.orders.map(orderView));
    case "GET /fill/list":
      return json(book.fills);
    case "POST /order/placeorder":
    case "POST /order/placeoso":
      return placeOrder(state, req, route.endsWith("placeoso"));
    case "POST /order/liquidateposition":
      return liquidate(state, req);
    case "POST /order/cancelorder":
      return cancel(state, req);
    case "POST /cashbalance/getcashbalancesnapshot": {
      const check = checkBody(req, snapshotBody);
      if (!check.ok) return violation(state, req, check.problems, (text) => json({ errorText: text }));
      if (!book.accounts.some((a) => a.id === check.value.accountId)) return json({ errorText: `Account ${check.value.accountId} not found` });
      return json(book.cashSnapshot(check.value.accountId));
    }
    default:
      return orderReads(state, req, route) ?? notFound;
  }
}

function violation(state: TvState, req: LoggedRequest, problems: string[], reply: (text: string) => FakeReply): FakeReply {
  for (const problem of problems) state.log.violate(req, problem);
  return reply(problems.join("; "));
}

function unknownFields(state: TvState, req: LoggedRequest, fields: string[]): void {
  for (const field of fields) state.log.violate(req, `field "${field}" is not in the documented request body`);
}

function placeOrder(state: TvState, req: LoggedRequest, oso: boolean): FakeReply {
  const check = oso ? checkBody(req, placeOsoBody) : checkBody(req, placeOrderBody);
  if (!check.ok) return violation(state, req, check.problems, (text) => failed("UnknownReason", text));
  unknownFields(state, req, check.unknownFields);
  const o = check.value as z.output<typeof placeOsoBody>;
  // Docs: "isAutomated: true //must be true if this isn't an order made directly by a human".
  if (o.isAutomated !== true) state.log.violate(req, "isAutomated must be true for orders not placed by a human");
  const account = ownAccount(state, o.accountId);
  if (!account) return violation(state, req, [`accountId ${o.accountId} is not an account of this user`], (text) => failed("Unauthorized", text));
  // The docs' example fills accountSpec with "yourUserName"; the account name is what it names elsewhere — both pass.
  if (o.accountSpec !== account.name && o.accountSpec !== state.credentials.name) state.log.violate(req, `accountSpec "${o.accountSpec}" does not name account ${account.id}`);
  const brackets = oso ? [o.bracket1, o.bracket2].filter((b) => b !== undefined) : [];
  const priceProblem = [o, ...brackets].map(missingPrice).find((p) => p !== undefined);
  if (priceProblem) return violation(state, req, [priceProblem], (text) => failed("InvalidPrice", text));
  const contract = state.book.contracts.find((c) => c.name === o.symbol);
  if (!contract) return failed("InvalidContract", `Unknown symbol ${o.symbol}`);
  const spec = (b: { action: "Buy" | "Sell"; orderType: TvOrderSpec["orderType"]; price?: number; stopPrice?: number; timeInForce?: TvOrderSpec["timeInForce"]; clOrdId?: string; orderQty?: number }): TvOrderSpec => ({
    action: b.action,
    orderType: b.orderType,
    orderQty: b.orderQty ?? o.orderQty,
    price: b.price ?? null,
    stopPrice: b.stopPrice ?? null,
    timeInForce: b.timeInForce ?? null,
    clOrdId: b.clOrdId ?? null,
  });
  const result = state.book.place({ ...spec(o), account, contract, customTag50: o.customTag50 ?? null, isAutomated: o.isAutomated === true, brackets: brackets.map(spec) });
  if (!result.ok) return failed(result.failureReason, result.failureText);
  if (!oso) return json({ orderId: result.order.id });
  const [oso1Id, oso2Id] = result.bracketIds;
  return json({ orderId: result.order.id, oso1Id, ...(oso2Id === undefined ? {} : { oso2Id }) });
}

function ownAccount(state: TvState, accountId: number): TvAccount | undefined {
  return state.book.accounts.find((a) => a.id === accountId);
}

function liquidate(state: TvState, req: LoggedRequest): FakeReply {
  const check = checkBody(req, liquidateBody);
  if (!check.ok) return violation(state, req, check.problems, (text) => failed("UnknownReason", text));
  unknownFields(state, req, check.unknownFields);
  const l = check.value;
  if (l.admin !== false) state.log.violate(req, "admin must be false for a trader's own liquidation");
  const account = ownAccount(state, l.accountId);
  const contract = state.book.contract(l.contractId);
  if (!account) return violation(state, req, [`accountId ${l.accountId} is not an account of this user`], (text) => failed("Unauthorized", text));
  if (!contract) return failed("InvalidContract", `Unknown contractId ${l.contractId}`);
  const result = state.book.liquidate(account, contract, { clOrdId: null, customTag50: l.customTag50 ?? null, isAutomated: l.isAutomated === true });
  return result.ok ? json({ orderId: result.order.id }) : failed(result.failureReason, result.failureText);
}

function cancel(state: TvState, req: LoggedRequest): FakeReply {
  const check = checkBody(req, cancelBody);
  if (!check.ok) return violation(state, req, check.problems, (text) => failed("UnknownReason", text));
  unknownFields(state, req, check.unknownFields);
  const c = check.value;
  const order = state.book.orders.find((o) => o.id === c.orderId);
  if (!order) return failed("UnknownReason", `Order ${c.orderId} not found`);
  const result = state.book.cancel(order, { clOrdId: c.clOrdId ?? null, customTag50: c.customTag50 ?? null, isAutomated: c.isAutomated === true });
  return result.ok ? json({ commandId: result.commandId }) : failed(result.failureReason, `Order ${order.id} is ${order.ordStatus}`);
}
