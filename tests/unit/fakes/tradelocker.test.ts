// Self-tests of the TradeLocker contract fake, driven with plain fetch the way a client would.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startTradeLockerFake, type TradeLockerFake } from "../../fakes/tradelocker";

type Json = Record<string, unknown>;
type Row = Array<string | number | boolean | null>;

let tl: TradeLockerFake;
let token = "";
const ACCOUNT_ID = 701001;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(tl.baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Json };
}

const trade = (method: string, path: string, body?: unknown, accNum = "1") =>
  call(method, path, body, { authorization: `Bearer ${token}`, accNum });

async function login() {
  const res = await call("POST", "/auth/jwt/token", tl.credentials);
  expect(res.status).toBe(201);
  token = String(res.json.accessToken);
  return res;
}

/** Reads rows the documented way: by the column ids of `/trade/config`. */
async function rows(resource: "positions" | "orders" | "ordersHistory") {
  const config = (await trade("GET", "/trade/config")).json.d as Record<string, { columns: Array<{ id: string }> }>;
  const columns = config[`${resource}Config`].columns.map((c) => c.id);
  const d = (await trade("GET", `/trade/accounts/${ACCOUNT_ID}/${resource}`)).json.d as Record<string, Row[]>;
  return d[resource].map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}

const marketBuy = (qty: number | string, extra: Json = {}) =>
  trade("POST", `/trade/accounts/${ACCOUNT_ID}/orders`, {
    qty,
    routeId: 801,
    side: "buy",
    validity: "IOC",
    type: "market",
    tradableInstrumentId: 278,
    price: 0,
    ...extra,
  });

beforeEach(async () => {
  tl ??= await startTradeLockerFake();
  tl.reset();
  await login();
});
afterAll(() => tl?.close());

describe("TradeLocker fake — happy path", () => {
  test("login issues JWTs with an expiry; all-accounts lists accNum and balance", async () => {
    const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as { exp: number };
    expect(payload.exp * 1000).toBeGreaterThan(Date.now());
    const res = await call("GET", "/auth/jwt/all-accounts", undefined, { authorization: `Bearer ${token}` });
    expect(res.json.accounts).toEqual([
      expect.objectContaining({ id: "701001", accNum: "1", currency: "USD", accountBalance: "10000.00" }),
      expect.objectContaining({ id: "701002", accNum: "2" }),
    ]);
    expect((await call("POST", "/auth/jwt/token", { ...tl.credentials, password: "nope" })).json).toEqual({ s: "error", errmsg: "Invalid credentials" });
  });

  test("config, instruments, order with SL/TP, positions as arrays, partial close, flatten", async () => {
    const config = (await trade("GET", "/trade/config")).json;
    expect(config.s).toBe("ok");
    const instruments = ((await trade("GET", `/trade/accounts/${ACCOUNT_ID}/instruments`)).json.d as { instruments: Json[] }).instruments;
    expect(instruments.find((i) => i.name === "EURUSD")).toMatchObject({ tradableInstrumentId: 278, routes: [{ id: 801, type: "TRADE" }, { id: 802, type: "INFO" }] });

    const placed = await marketBuy("0.10", { stopLoss: 0.005, stopLossType: "offset", takeProfit: 1.1, takeProfitType: "absolute", strategyId: "ord_01" });
    expect(placed.json).toEqual({ s: "ok", d: { orderId: expect.any(String) } });

    const [position] = await rows("positions");
    expect(position).toMatchObject({ side: "buy", qty: "0.1", avgPrice: "1.0825", strategyId: "ord_01" });
    const working = await rows("orders");
    expect(working.map((o) => [o.type, o.side, o.stopPrice ?? o.price])).toEqual([
      ["stop", "sell", "1.0775"],
      ["limit", "sell", "1.1"],
    ]);

    tl.setPrice("EURUSD", 1.09);
    const closed = await trade("DELETE", `/trade/positions/${position.id}`, { qty: "0.04" });
    expect(closed.json.s).toBe("ok");
    expect((await rows("positions"))[0]).toMatchObject({ qty: "0.06" });
    expect(tl.book.accounts[0].balance).toBeCloseTo(10_030, 6);

    expect((await trade("DELETE", `/trade/accounts/${ACCOUNT_ID}/positions`)).json.s).toBe("ok");
    expect(await rows("positions")).toEqual([]);
    expect(await rows("orders")).toEqual([]);
    const state = (await trade("GET", `/trade/accounts/${ACCOUNT_ID}/state`)).json.d as { accountDetailsData: Row };
    expect(state.accountDetailsData[0]).toBe("10075");
    expect(tl.violations).toEqual([]);
  });

  test("positions net per instrument; a limit order rests until the price crosses it", async () => {
    await marketBuy(0.3);
    await trade("POST", `/trade/accounts/${ACCOUNT_ID}/orders`, { qty: 0.1, routeId: 801, side: "sell", validity: "IOC", type: "market", tradableInstrumentId: 278 });
    expect((await rows("positions")).map((p) => p.qty)).toEqual(["0.2"]);

    await trade("POST", `/trade/accounts/${ACCOUNT_ID}/orders`, { qty: 0.2, routeId: 801, side: "sell", validity: "GTC", type: "limit", price: 1.085, tradableInstrumentId: 278 });
    expect((await rows("orders")).map((o) => o.status)).toEqual(["New"]);
    tl.setPrice("EURUSD", 1.0851);
    expect(await rows("positions")).toEqual([]);
    expect(await rows("orders")).toEqual([]);
    expect(tl.violations).toEqual([]);
  });

  test("shuffled columns and hedging accounts", async () => {
    const fake = await startTradeLockerFake({ shuffleColumns: true, hedging: true });
    const login = await fetch(`${fake.baseUrl}/auth/jwt/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fake.credentials) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const h = { authorization: `Bearer ${accessToken}`, accNum: "1", "content-type": "application/json" };
    const order = JSON.stringify({ qty: 0.01, routeId: 801, side: "buy", validity: "IOC", type: "market", tradableInstrumentId: 278 });
    await fetch(`${fake.baseUrl}/trade/accounts/${ACCOUNT_ID}/orders`, { method: "POST", headers: h, body: order });
    await fetch(`${fake.baseUrl}/trade/accounts/${ACCOUNT_ID}/orders`, { method: "POST", headers: h, body: order });
    const config = (await (await fetch(`${fake.baseUrl}/trade/config`, { headers: h })).json()) as { d: { positionsConfig: { columns: Array<{ id: string }> } } };
    expect(config.d.positionsConfig.columns.at(-1)?.id).toBe("id");
    const positions = (await (await fetch(`${fake.baseUrl}/trade/accounts/${ACCOUNT_ID}/positions`, { headers: h })).json()) as { d: { positions: Row[] } };
    expect(positions.d.positions).toHaveLength(2);
    expect(fake.violations).toEqual([]);
    await fake.close();
  });
});

describe("TradeLocker fake — controls", () => {
  test("failNextWith401 expires the token once; refresh issues a new one", async () => {
    tl.failNextWith401();
    expect((await trade("GET", `/trade/accounts/${ACCOUNT_ID}/positions`)).status).toBe(401);
    expect((await trade("GET", `/trade/accounts/${ACCOUNT_ID}/positions`)).status).toBe(401);
    await login();
    expect((await trade("GET", `/trade/accounts/${ACCOUNT_ID}/positions`)).status).toBe(200);
  });

  test("refresh swaps a refresh token for new tokens, once", async () => {
    const first = await login();
    const refreshed = await call("POST", "/auth/jwt/refresh", { refreshToken: first.json.refreshToken });
    expect(refreshed.status).toBe(201);
    expect((await call("POST", "/auth/jwt/refresh", { refreshToken: first.json.refreshToken })).status).toBe(401);
  });

  test("requests logs method, path under the base, headers and the parsed body", async () => {
    await marketBuy("0.01");
    const logged = tl.requests.at(-1);
    expect(logged).toMatchObject({ method: "POST", path: `/trade/accounts/${ACCOUNT_ID}/orders`, body: { qty: "0.01", side: "buy" } });
    expect(logged?.headers).toMatchObject({ accnum: "1", authorization: `Bearer ${token}`, "content-type": "application/json" });
  });

  test("respond429Next answers 429 with Retry-After", async () => {
    tl.respond429Next(3);
    const res = await trade("GET", `/trade/accounts/${ACCOUNT_ID}/positions`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect((await trade("GET", `/trade/accounts/${ACCOUNT_ID}/positions`)).status).toBe(200);
  });

  test("delayNextMs answers late", async () => {
    tl.delayNextMs(300);
    const started = Date.now();
    await trade("GET", `/trade/config`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("dropNextConnection: the order is in the book but the client gets no answer", async () => {
    tl.dropNextConnection();
    await expect(marketBuy(0.05, { strategyId: "ord_drop" })).rejects.toThrow();
    expect(await rows("positions")).toEqual([expect.objectContaining({ qty: "0.05", strategyId: "ord_drop" })]);
  });

  test("rejectNextOrder and partialFillNext", async () => {
    tl.rejectNextOrder("Not enough money");
    expect((await marketBuy(1)).json).toEqual({ s: "error", errmsg: "Not enough money" });
    expect(await rows("positions")).toEqual([]);

    tl.partialFillNext(0.5);
    await marketBuy(1);
    expect((await rows("positions"))[0]).toMatchObject({ qty: "0.5" });
    const history = await rows("ordersHistory");
    expect(history.map((o) => [o.status, o.filledQty])).toEqual([
      ["Refused", "0"],
      ["Cancelled", "0.5"],
    ]);
    expect(tl.violations).toEqual([]);
  });

  test("violations: missing accNum, wrong enum, wrong validity, INFO route, long strategyId", async () => {
    const noAccNum = await call("GET", `/trade/accounts/${ACCOUNT_ID}/positions`, undefined, { authorization: `Bearer ${token}` });
    expect(noAccNum.status).toBe(400);
    expect((await marketBuy(0.01, { side: "BUY" })).json.s).toBe("error");
    await marketBuy(0.01, { validity: "GTC" });
    await marketBuy(0.01, { routeId: 802 });
    await marketBuy(0.01, { strategyId: "x".repeat(32) });
    await marketBuy(0.01, { quantity: 1 });
    expect(tl.violations).toEqual([
      expect.stringContaining("missing accNum header"),
      expect.stringContaining("side: Invalid option"),
      expect.stringContaining("market orders must use validity IOC"),
      expect.stringContaining("is not the TRADE route"),
      expect.stringContaining("strategyId is limited to 31 characters"),
      expect.stringContaining('field "quantity"'),
    ]);
  });
});
