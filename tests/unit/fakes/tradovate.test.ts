// Self-tests of the Tradovate contract fake, driven with plain fetch.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { frontMonth } from "../../fakes/front-month";
import { startTradovateFake, type TradovateFake } from "../../fakes/tradovate";

type Json = Record<string, unknown>;

let tv: TradovateFake;
let token = "";
const month = frontMonth(new Date());
const MNQ = `MNQ${month.code}${month.year % 10}`;
const ES = `ES${month.code}${month.year % 10}`;
const ACCOUNT = { accountSpec: "DEMO4000123", accountId: 40001 };

async function call(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(tv.baseUrl + path, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: (text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : {}) as Json };
}
const get = (path: string) => call("GET", path);
const post = (path: string, body: unknown) => call("POST", path, body);

async function login() {
  const res = await call("POST", "/auth/accesstokenrequest", tv.credentials, false);
  expect(res.json).toMatchObject({ accessToken: expect.any(String), mdAccessToken: expect.any(String), userId: 5001 });
  token = String(res.json.accessToken);
  return res;
}

const order = (extra: Json = {}) => ({ ...ACCOUNT, action: "Buy", symbol: MNQ, orderQty: 1, orderType: "Market", isAutomated: true, ...extra });
const positions = async () => (await get("/position/list")).json as unknown as Json[];
const orders = async () => (await get("/order/list")).json as unknown as Json[];

beforeEach(async () => {
  tv ??= await startTradovateFake();
  tv.reset();
  await login();
});
afterAll(() => tv?.close());

describe("Tradovate fake — happy path", () => {
  test("access token (~80 min), renewal, accounts, contract lookup", async () => {
    const first = await login();
    const minutes = (Date.parse(String(first.json.expirationTime)) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(79);
    expect((await call("POST", "/auth/accessTokenRequest", { ...tv.credentials, password: "nope" }, false)).json).toEqual({ errorText: "Incorrect username or password." });
    const renewed = await get("/auth/renewaccesstoken");
    expect(renewed.json.accessToken).not.toBe(token);

    expect(((await get("/account/list")).json as unknown as Json[]).map((a) => a.name)).toEqual(["DEMO4000123", "DEMO4000124"]);
    const contract = (await get(`/contract/find?name=${MNQ}`)).json;
    expect(contract).toMatchObject({ name: MNQ, id: expect.any(Number), contractMaturityId: expect.any(Number) });
    expect((await get(`/contract/item?id=${contract.id}`)).json.name).toBe(MNQ);
    expect((await get(`/contractMaturity/item?id=${contract.contractMaturityId}`)).json).toMatchObject({ productId: 2901, isFront: true });
    expect((await get("/product/find?name=MNQ")).json).toMatchObject({ tickSize: 0.25, valuePerPoint: 2 });
    expect((await get("/contract/find?name=MNQ1!")).status).toBe(404);
    expect(tv.violations).toEqual([]);
  });

  test("market order, position, fills, liquidate keeps a flat position row", async () => {
    expect((await post("/order/placeorder", order({ orderQty: 2, clOrdId: "ord_1" }))).json).toEqual({ orderId: expect.any(Number) });
    const [position] = await positions();
    expect(position).toMatchObject({ accountId: 40001, netPos: 2, netPrice: 21000, bought: 2, boughtValue: 42000 });
    expect(((await get("/fill/list")).json as unknown as Json[])[0]).toMatchObject({ action: "Buy", qty: 2, price: 21000, tradeDate: expect.any(Object) });

    tv.setPrice("MNQ", 21005);
    expect((await post("/order/liquidateposition", { accountId: 40001, contractId: position.contractId, admin: false })).json).toEqual({ orderId: expect.any(Number) });
    expect(await positions()).toEqual([expect.objectContaining({ netPos: 0, bought: 2, sold: 2 })]);
    expect((await post("/cashBalance/getcashbalancesnapshot", { accountId: 40001 })).json).toMatchObject({ totalCashValue: 50020, realizedPnL: 20, openPnL: 0 });
    expect(tv.violations).toEqual([]);
  });

  test("placeOSO brackets work as an OCO pair once the entry fills", async () => {
    const placed = await post("/order/placeOSO", order({
      symbol: ES,
      bracket1: { action: "Sell", orderType: "Limit", price: 6010 },
      bracket2: { action: "Sell", orderType: "Stop", stopPrice: 5990 },
    }));
    expect(placed.json).toEqual({ orderId: expect.any(Number), oso1Id: expect.any(Number), oso2Id: expect.any(Number) });
    const brackets = (await orders()).filter((o) => o.parentId === placed.json.orderId);
    expect(brackets.map((o) => [o.action, o.ordStatus, o.ocoId])).toEqual([
      ["Sell", "Working", placed.json.oso1Id],
      ["Sell", "Working", placed.json.oso1Id],
    ]);
    tv.setPrice("ES", 6010);
    expect((await orders()).find((o) => o.id === placed.json.oso2Id)?.ordStatus).toBe("Canceled");
    expect((await positions())[0]).toMatchObject({ netPos: 0 });
    expect((await post("/cashBalance/getcashbalancesnapshot", { accountId: 40001 })).json.totalCashValue).toBe(50_500);
    expect(tv.violations).toEqual([]);
  });

  test("every order has a New Command carrying its clOrdId; order item, version and fills by order id", async () => {
    const placed = await post("/order/placeOSO", order({ orderQty: 2, clOrdId: "ord_cmd", customTag50: "tag-1", bracket1: { action: "Sell", orderType: "Limit", price: 21010, timeInForce: "GTC", clOrdId: "ord_cmd_tp" } }));
    const orderId = placed.json.orderId;
    const commands = (await get("/command/list")).json as unknown as Json[];
    expect(commands).toEqual([
      { id: expect.any(Number), orderId, timestamp: expect.any(String), commandType: "New", commandStatus: "AtExecution", clOrdId: "ord_cmd", customTag50: "tag-1", isAutomated: true },
      expect.objectContaining({ orderId: placed.json.oso1Id, commandType: "New", clOrdId: "ord_cmd_tp" }),
    ]);
    expect((await get(`/command/item?id=${commands[0].id}`)).json).toEqual(commands[0]);
    expect((await get(`/command/deps?masterid=${orderId}`)).json).toEqual([commands[0]]);

    expect((await get(`/order/item?id=${orderId}`)).json).toMatchObject({ id: orderId, accountId: 40001, action: "Buy", ordStatus: "Filled", admin: false });
    expect((await get(`/order/item?id=${orderId}`)).json).not.toHaveProperty("clOrdId");
    expect((await get("/order/item?id=1")).status).toBe(404);
    expect((await get(`/orderVersion/deps?masterid=${orderId}`)).json).toEqual([{ id: expect.any(Number), orderId, orderQty: 2, orderType: "Market" }]);
    expect((await get(`/orderVersion/deps?masterid=${placed.json.oso1Id}`)).json).toEqual([
      { id: expect.any(Number), orderId: placed.json.oso1Id, orderQty: 2, orderType: "Limit", price: 21010, timeInForce: "GTC" },
    ]);
    expect((await get(`/fill/deps?masterid=${orderId}`)).json).toEqual([expect.objectContaining({ orderId, action: "Buy", qty: 2, price: 21000 })]);
    expect((await get(`/fill/deps?masterid=${placed.json.oso1Id}`)).json).toEqual([]);
    expect(tv.violations).toEqual([]);
  });

  test("cancelorder and liquidateposition are Commands too; a refused order keeps its rejected New command", async () => {
    const resting = await post("/order/placeorder", order({ orderType: "Limit", price: 20900, clOrdId: "ord_rest" }));
    const cancelled = await post("/order/cancelorder", { orderId: resting.json.orderId, isAutomated: true });
    tv.rejectNextOrder("Not enough margin");
    await post("/order/placeorder", order({ clOrdId: "ord_refused" }));
    const commands = (await get("/command/list")).json as unknown as Json[];
    expect(commands.map((c) => [c.commandType, c.commandStatus, c.clOrdId ?? null])).toEqual([
      ["New", "AtExecution", "ord_rest"],
      ["Cancel", "AtExecution", null],
      ["New", "ExecutionRejected", "ord_refused"],
    ]);
    expect(commands[1]).toMatchObject({ id: cancelled.json.commandId, orderId: resting.json.orderId });
    expect(tv.violations).toEqual([]);
  });

  test("order-history reads without their required id or masterid are violations", async () => {
    expect((await get("/orderVersion/deps")).status).toBe(400);
    expect((await get("/fill/deps?masterid=abc")).status).toBe(400);
    expect((await get("/order/item")).status).toBe(400);
    expect(tv.violations).toEqual([
      expect.stringContaining("masterid (long) is required"),
      expect.stringContaining('masterid (long) is required, got "abc"'),
      expect.stringContaining("id (long) is required"),
    ]);
  });

  test("a limit order rests; cancelorder answers a commandId, then TooLate", async () => {
    const { json } = await post("/order/placeorder", order({ orderType: "Limit", price: 20900 }));
    expect((await post("/order/cancelorder", { orderId: json.orderId })).json).toEqual({ commandId: expect.any(Number) });
    expect((await post("/order/cancelorder", { orderId: json.orderId })).json).toMatchObject({ failureReason: "TooLate" });
    expect(tv.violations).toEqual([]);
  });
});

describe("Tradovate fake — controls", () => {
  test("failNextWith401 expires the token: renewal fails, a new access token works", async () => {
    tv.failNextWith401();
    expect((await get("/position/list")).status).toBe(401);
    expect((await get("/auth/renewaccesstoken")).status).toBe(401);
    await login();
    expect((await get("/position/list")).status).toBe(200);
  });

  test("respond429Next answers a bare 429; delayNextMs answers late", async () => {
    tv.respond429Next();
    const limited = await get("/account/list");
    expect([limited.status, limited.text]).toEqual([429, ""]);
    tv.delayNextMs(250);
    const started = Date.now();
    await get("/account/list");
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  test("penalty ticket: wait p-time, resend the same body with p-ticket", async () => {
    tv.penaltyNext({ pTime: 0 });
    const penalty = await post("/order/placeorder", order());
    expect(penalty.json).toEqual({ "p-ticket": expect.any(String), "p-time": 0 });
    expect(await orders()).toEqual([]);
    const resent = await post("/order/placeorder", { ...order(), "p-ticket": penalty.json["p-ticket"] });
    expect(resent.json).toEqual({ orderId: expect.any(Number) });
    expect(tv.violations).toEqual([]);
  });

  test("penalty misuse is recorded: resending early, changing the body, ignoring p-captcha", async () => {
    tv.penaltyNext({ pTime: 30 });
    const first = await post("/order/placeorder", order());
    const early = await post("/order/placeorder", { ...order(), "p-ticket": first.json["p-ticket"] });
    expect(early.json["p-time"]).toBeGreaterThan(0);

    tv.penaltyNext({ pTime: 0 });
    const second = await post("/order/placeorder", order());
    await post("/order/placeorder", { ...order({ orderQty: 5 }), "p-ticket": second.json["p-ticket"] });

    tv.penaltyNext({ pTime: 5, captcha: true });
    const captcha = await post("/order/placeorder", order());
    expect(captcha.json).toMatchObject({ "p-captcha": true });
    await post("/order/placeorder", { ...order(), "p-ticket": captcha.json["p-ticket"] });
    expect(tv.violations).toEqual([
      expect.stringContaining("before p-time"),
      expect.stringContaining("repeat the original body"),
      expect.stringContaining("p-captcha"),
    ]);
  });

  test("more than 10 access-token requests a minute earn a penalty ticket", async () => {
    const fake = await startTradovateFake({ authRequestsPerMinute: 2 });
    const request = () => fetch(`${fake.baseUrl}/auth/accesstokenrequest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fake.credentials) }).then((r) => r.json() as Promise<Json>);
    await request();
    await request();
    expect(await request()).toEqual({ "p-ticket": expect.any(String), "p-time": expect.any(Number) });
    await fake.close();
  });

  test("dropNextConnection: the order is in the book though the client got no answer", async () => {
    tv.dropNextConnection();
    await expect(post("/order/placeorder", order({ clOrdId: "ord_drop" }))).rejects.toThrow();
    expect(await positions()).toEqual([expect.objectContaining({ netPos: 1 })]);
    expect(tv.book.orders[0].clOrdId).toBe("ord_drop");
  });

  test("rejectNextOrder and partialFillNext", async () => {
    tv.rejectNextOrder("Max position reached");
    expect((await post("/order/placeorder", order())).json).toEqual({ failureReason: "UnknownReason", failureText: "Max position reached" });
    tv.partialFillNext(0.5);
    const { json } = await post("/order/placeorder", order({ orderQty: 3 }));
    expect((await positions())[0]).toMatchObject({ netPos: 1 });
    expect((await orders()).find((o) => o.id === json.orderId)?.ordStatus).toBe("Working");
    expect(tv.violations).toEqual([]);
  });

  test("violations: isAutomated missing, wrong enum, admin liquidation, missing bearer, unknown field", async () => {
    await post("/order/placeorder", order({ isAutomated: undefined }));
    expect((await post("/order/placeorder", order({ action: "BUY" }))).json).toMatchObject({ failureReason: "UnknownReason" });
    const contract = (await get(`/contract/find?name=${MNQ}`)).json;
    await post("/order/liquidateposition", { accountId: 40001, contractId: contract.id, admin: true });
    expect((await call("GET", "/position/list", undefined, false)).status).toBe(401);
    await post("/order/placeorder", order({ quantity: 1 }));
    expect(tv.violations).toEqual([
      expect.stringContaining("isAutomated must be true"),
      expect.stringContaining("action: Invalid option"),
      expect.stringContaining("admin must be false"),
      expect.stringContaining("missing Authorization"),
      expect.stringContaining('field "quantity"'),
    ]);
  });
});
