/**
 * The HTTP surface of the ProjectX Gateway fake. Every route is `POST /api/<Thing>/<verb>`
 * with a JSON body and a bearer token (docs: "All further requests will require you to
 * provide the session token in the Authorization HTTP header using the Bearer method").
 * Failures are HTTP 200 `{success: false, errorCode, errorMessage}`; a missing or expired
 * token is a bare 401 (the docs' error examples show only "response status is 401").
 */
import { z } from "zod";
import { checkBody, declaresJson } from "./body-check";
import { bearerToken, makeJwt, opaqueToken, type RateWindow } from "./fake-kit";
import type { FakeLog, FakeReply, LoggedRequest } from "./fake-server";
import type { ProjectXBook } from "./projectx-book";
import { PX_ERROR, PX_ORDER_TYPES, PX_STATUS, pxContractView, pxOrderView, type PxAccount, type PxContract } from "./projectx-data";

export type PxCredentials = { userName: string; apiKey: string };

export type PxState = {
  book: ProjectXBook;
  log: FakeLog;
  credentials: PxCredentials;
  tokenTtlSec: number;
  secret: string;
  tokens: Map<string, number>;
  window: RateWindow;
};

const int = z.number().int();
const orderType = z.literal([...PX_ORDER_TYPES]);
const bracket = z.object({ ticks: int, type: orderType });

// Bodies as the docs' parameter tables list them.
const schemas = {
  loginKey: z.object({ userName: z.string().min(1), apiKey: z.string().min(1) }),
  accountSearch: z.object({ onlyActiveAccounts: z.boolean() }),
  contractSearch: z.object({ searchText: z.string(), live: z.boolean() }),
  contractAvailable: z.object({ live: z.boolean() }),
  contractById: z.object({ contractId: z.string() }),
  place: z.object({
    accountId: int,
    contractId: z.string(),
    type: orderType,
    side: z.literal([0, 1]),
    size: int.positive(),
    limitPrice: z.number().nullish(),
    stopPrice: z.number().nullish(),
    trailPrice: z.number().nullish(),
    customTag: z.string().nullish(),
    linkedOrderId: int.nullish(),
    stopLossBracket: bracket.nullish(),
    takeProfitBracket: bracket.nullish(),
  }),
  accountOnly: z.object({ accountId: int }),
  orderSearch: z.object({ accountId: int, startTimestamp: z.iso.datetime({ offset: true }), endTimestamp: z.iso.datetime({ offset: true }).nullish() }),
  cancel: z.object({ accountId: int, orderId: int }),
  modify: z.object({ accountId: int, orderId: int, size: int.positive().nullish(), limitPrice: z.number().nullish(), stopPrice: z.number().nullish(), trailPrice: z.number().nullish() }),
  closeContract: z.object({ accountId: int, contractId: z.string() }),
  partialClose: z.object({ accountId: int, contractId: z.string(), size: int.positive() }),
};

const success = (extra: Record<string, unknown> = {}): FakeReply => ({ status: 200, body: { ...extra, success: true, errorCode: 0, errorMessage: null } });
const failure = (errorCode: number, errorMessage: string, extra: Record<string, unknown> = {}): FakeReply => ({
  status: 200,
  body: { ...extra, success: false, errorCode, errorMessage },
});

function issueToken(state: PxState): string {
  const exp = Math.floor(Date.now() / 1000) + state.tokenTtlSec;
  const token = makeJwt(state.secret, { sub: state.credentials.userName, exp, jti: opaqueToken() });
  state.tokens.set(token, exp * 1000);
  return token;
}

type Parsed<S extends z.ZodObject<z.ZodRawShape>> = { value: z.output<S> } | { reply: FakeReply };

/**
 * JSON the server cannot bind (wrong types, missing required fields) gets ASP.NET Core's
 * 400 problem details (unconfirmed: the docs show no such example); values that bind but
 * are not allowed (an enum outside the list) get the usual 200 `success: false`.
 */
function parse<S extends z.ZodObject<z.ZodRawShape>>(state: PxState, req: LoggedRequest, schema: S): Parsed<S> {
  if (!declaresJson(req)) {
    state.log.violate(req, "request without Content-Type: application/json");
    return { reply: { status: 415, body: { title: "Unsupported Media Type", status: 415 } } };
  }
  const check = checkBody(req, schema);
  if (!check.ok) {
    for (const problem of check.problems) state.log.violate(req, problem);
    if (check.onlyValueErrors) return { reply: failure(PX_ERROR.OrderRejected, check.problems.join("; ")) };
    return { reply: { status: 400, body: { title: "One or more validation errors occurred.", status: 400, errors: { body: check.problems } } } };
  }
  for (const field of check.unknownFields) state.log.violate(req, `field "${field}" is not in the documented request body`);
  return { value: check.value };
}

export function handleProjectX(state: PxState, req: LoggedRequest): FakeReply {
  if (req.method !== "POST") return { status: 405, text: "Method Not Allowed" };
  if (req.path === "/api/Auth/loginKey") {
    const p = parse(state, req, schemas.loginKey);
    if ("reply" in p) return p.reply;
    const ok = p.value.userName === state.credentials.userName && p.value.apiKey === state.credentials.apiKey;
    // Login error codes are not documented; 3 is the fake's "invalid credentials".
    return ok ? success({ token: issueToken(state) }) : failure(3, "Invalid user name or API key", { token: null });
  }
  const token = bearerToken(req);
  const expiresAt = token === undefined ? undefined : state.tokens.get(token);
  if (expiresAt === undefined || expiresAt <= Date.now()) {
    if (token === undefined) state.log.violate(req, "missing Authorization: Bearer header");
    return { status: 401 };
  }
  // "All other Endpoints: 200 requests / 60 seconds" → HTTP 429 (docs, Rate Limits).
  if (!state.window.hit()) return { status: 429, text: "Too Many Requests" };
  if (req.path === "/api/Auth/validate") return success({ newToken: issueToken(state) });
  return route(state, req);
}

function account(state: PxState, id: number): PxAccount | undefined {
  return state.book.accounts.find((a) => a.id === id);
}

function route(state: PxState, req: LoggedRequest): FakeReply {
  const { book } = state;
  switch (req.path) {
    case "/api/Account/search": {
      const p = parse(state, req, schemas.accountSearch);
      if ("reply" in p) return p.reply;
      const accounts = book.accounts.filter((a) => !p.value.onlyActiveAccounts || a.canTrade);
      return success({ accounts: accounts.map((a) => ({ ...a })) });
    }
    case "/api/Contract/search": {
      const p = parse(state, req, schemas.contractSearch);
      if ("reply" in p) return p.reply;
      // Docs: "searchText — the name of the contract to search for": matched on what the API shows (name,
      // description), never on the fake's own root, so `ES` finds `ESZ6` and `MESZ6` and the client must pick.
      const text = p.value.searchText.toUpperCase();
      const found = book.contracts.filter((c) => [c.name, c.description.toUpperCase()].some((s) => s.includes(text)));
      return success({ contracts: found.map(pxContractView) });
    }
    case "/api/Contract/available": {
      const p = parse(state, req, schemas.contractAvailable);
      if ("reply" in p) return p.reply;
      return success({ contracts: book.contracts.map(pxContractView) });
    }
    case "/api/Contract/searchById": {
      const p = parse(state, req, schemas.contractById);
      if ("reply" in p) return p.reply;
      const contract = book.contracts.find((c) => c.id === p.value.contractId);
      return success({ contract: contract ? pxContractView(contract) : null });
    }
    case "/api/Order/place":
      return placeOrder(state, req);
    case "/api/Order/searchOpen": {
      const p = parse(state, req, schemas.accountOnly);
      if ("reply" in p) return p.reply;
      return success({ orders: book.openOrders(p.value.accountId).map(pxOrderView) });
    }
    case "/api/Order/search": {
      const p = parse(state, req, schemas.orderSearch);
      if ("reply" in p) return p.reply;
      const from = Date.parse(p.value.startTimestamp);
      const to = p.value.endTimestamp ? Date.parse(p.value.endTimestamp) : Infinity;
      const orders = book.orders.filter((o) => o.accountId === p.value.accountId && Date.parse(o.creationTimestamp) >= from && Date.parse(o.creationTimestamp) <= to);
      return success({ orders: orders.map(pxOrderView) });
    }
    case "/api/Order/cancel":
    case "/api/Order/modify":
      return changeOrder(state, req);
    case "/api/Position/searchOpen": {
      const p = parse(state, req, schemas.accountOnly);
      if ("reply" in p) return p.reply;
      return success({ positions: book.openPositions(p.value.accountId).map((x) => ({ ...x })) });
    }
    case "/api/Position/closeContract":
    case "/api/Position/partialCloseContract":
      return closePosition(state, req);
    default:
      return { status: 404 };
  }
}

function placeOrder(state: PxState, req: LoggedRequest): FakeReply {
  const p = parse(state, req, schemas.place);
  if ("reply" in p) return p.reply.status === 200 ? { ...p.reply, body: { orderId: null, ...(p.reply.body as object) } } : p.reply;
  const o = p.value;
  const acct = account(state, o.accountId);
  if (!acct || !acct.canTrade) return failure(PX_ERROR.AccountNotFound, `Account ${o.accountId} not found or cannot trade`, { orderId: null });
  const contract = state.book.contracts.find((c) => c.id === o.contractId);
  if (!contract) return failure(PX_ERROR.ContractNotFound, `Contract ${o.contractId} not found`, { orderId: null });
  const missing = (o.type === 1 && o.limitPrice == null && "limitPrice") || (o.type === 4 && o.stopPrice == null && "stopPrice") || (o.type === 5 && o.trailPrice == null && "trailPrice");
  if (missing) {
    state.log.violate(req, `order type ${o.type} needs ${missing}`);
    return failure(PX_ERROR.OrderRejected, `${missing} is required for this order type`, { orderId: null });
  }
  if (o.customTag != null && state.book.orders.some((x) => x.accountId === acct.id && x.customTag === o.customTag)) {
    // "customTag: Must be unique across the account" (docs) — a retry with the same tag is refused.
    return failure(PX_ERROR.OrderRejected, `Custom tag '${o.customTag}' is already in use`, { orderId: null });
  }
  const result = state.book.place({
    account: acct,
    contract,
    type: o.type,
    side: o.side,
    size: o.size,
    limitPrice: o.limitPrice ?? null,
    stopPrice: o.stopPrice ?? null,
    trailPrice: o.trailPrice ?? null,
    customTag: o.customTag ?? null,
    bracket: o.stopLossBracket || o.takeProfitBracket ? { stopLoss: o.stopLossBracket ?? undefined, takeProfit: o.takeProfitBracket ?? undefined } : null,
  });
  return result.ok ? success({ orderId: result.value.id }) : failure(PX_ERROR.OrderRejected, result.error, { orderId: null });
}

function changeOrder(state: PxState, req: LoggedRequest): FakeReply {
  const isCancel = req.path.endsWith("/cancel");
  const p = isCancel ? parse(state, req, schemas.cancel) : parse(state, req, schemas.modify);
  if ("reply" in p) return p.reply;
  const order = state.book.openOrders(p.value.accountId).find((o) => o.id === p.value.orderId);
  if (!order) return failure(PX_ERROR.OrderRejected, `Order ${p.value.orderId} not found or not open`);
  if (isCancel) {
    state.book.cancel(order);
    return success();
  }
  const m = p.value as z.output<typeof schemas.modify>;
  if (m.size != null) order.size = m.size;
  if (m.limitPrice != null) order.limitPrice = m.limitPrice;
  if (m.stopPrice != null) order.stopPrice = m.stopPrice;
  if (m.trailPrice != null) order.trailPrice = m.trailPrice;
  order.updateTimestamp = new Date().toISOString();
  return success();
}

function closePosition(state: PxState, req: LoggedRequest): FakeReply {
  const partial = req.path.endsWith("/partialCloseContract");
  const p = partial ? parse(state, req, schemas.partialClose) : parse(state, req, schemas.closeContract);
  if ("reply" in p) return p.reply;
  const acct = account(state, p.value.accountId);
  const contract: PxContract | undefined = state.book.contracts.find((c) => c.id === p.value.contractId);
  if (!acct) return failure(PX_ERROR.AccountNotFound, `Account ${p.value.accountId} not found`);
  if (!contract) return failure(PX_ERROR.ContractNotFound, `Contract ${p.value.contractId} not found`);
  const size = partial ? (p.value as z.output<typeof schemas.partialClose>).size : undefined;
  const result = state.book.close(acct, contract, size);
  return result.ok && result.value.status !== PX_STATUS.Rejected ? success() : failure(PX_ERROR.OrderRejected, result.ok ? "Close order rejected" : result.error);
}
