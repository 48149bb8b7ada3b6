// Self-tests of the ProjectX Gateway contract fake, driven with plain fetch.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { frontMonth } from "../../fakes/front-month";
import { startProjectXFake, type ProjectXFake } from "../../fakes/projectx";

type Json = Record<string, unknown>;

let px: ProjectXFake;
let token = "";
const ACCOUNT = 12001;
const month = frontMonth(new Date());
const MNQ = `CON.F.US.MNQ.${month.code}${String(month.year % 100).padStart(2, "0")}`;
const ES = MNQ.replace(".MNQ.", ".EP.");

async function post(path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  const res = await fetch(px.baseUrl + path, { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text && text.startsWith("{") ? JSON.parse(text) : {}) as Json };
}

async function login() {
  const res = await post("/api/Auth/loginKey", px.credentials);
  expect(res.json).toMatchObject({ success: true, errorCode: 0, errorMessage: null });
  token = String(res.json.token);
}

const place = (body: Json) => post("/api/Order/place", { accountId: ACCOUNT, contractId: MNQ, type: 2, side: 0, size: 1, ...body });
const positions = async () => (await post("/api/Position/searchOpen", { accountId: ACCOUNT })).json.positions as Json[];
const openOrders = async () => (await post("/api/Order/searchOpen", { accountId: ACCOUNT })).json.orders as Json[];

beforeEach(async () => {
  px ??= await startProjectXFake();
  px.reset();
  await login();
});
afterAll(() => px?.close());

describe("ProjectX fake — happy path", () => {
  test("login, validate, accounts, contracts", async () => {
    const bad = await post("/api/Auth/loginKey", { userName: "unify-trader", apiKey: "wrong" });
    expect(bad.json).toMatchObject({ token: null, success: false });
    const validated = await post("/api/Auth/validate", {});
    expect(validated.json).toMatchObject({ success: true, newToken: expect.any(String) });

    const active = (await post("/api/Account/search", { onlyActiveAccounts: true })).json.accounts as Json[];
    expect(active.map((a) => a.id)).toEqual([12001, 12002]);
    expect(active[0]).toMatchObject({ name: "50KTC-V2-12001", balance: 50000, canTrade: true, isVisible: true });
    const all = (await post("/api/Account/search", { onlyActiveAccounts: false })).json.accounts as Json[];
    expect(all).toHaveLength(3);

    const found = (await post("/api/Contract/search", { searchText: "MNQ", live: false })).json.contracts as Json[];
    expect(found).toEqual([expect.objectContaining({ id: MNQ, tickSize: 0.25, tickValue: 0.5, activeContract: true })]);
    const available = (await post("/api/Contract/available", { live: false })).json.contracts as Json[];
    expect(available.map((c) => c.id)).toContain(ES);
    expect(px.violations).toEqual([]);
  });

  test("market order with brackets, OCO on take-profit, customTag unique per account", async () => {
    const placed = await place({ size: 2, customTag: "ord_1", stopLossBracket: { ticks: 20, type: 4 }, takeProfitBracket: { ticks: 40, type: 1 } });
    expect(placed.json).toEqual({ orderId: expect.any(Number), success: true, errorCode: 0, errorMessage: null });
    expect(await positions()).toEqual([expect.objectContaining({ contractId: MNQ, type: 1, size: 2, averagePrice: 21000 })]);
    expect((await openOrders()).map((o) => [o.type, o.side, o.stopPrice, o.limitPrice])).toEqual([
      [4, 1, 20995, null],
      [1, 1, null, 21010],
    ]);

    const again = await place({ customTag: "ord_1" });
    expect(again.json).toMatchObject({ orderId: null, success: false, errorCode: 2 });

    px.setPrice("MNQ", 21010);
    expect(await positions()).toEqual([]);
    expect(await openOrders()).toEqual([]);
    expect(px.book.accounts[0].balance).toBe(50_040);
    expect(px.violations).toEqual([]);
  });

  test("partial close, close, order history", async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    await place({ contractId: ES, side: 1, size: 3 });
    expect((await post("/api/Position/partialCloseContract", { accountId: ACCOUNT, contractId: ES, size: 1 })).json.success).toBe(true);
    expect(await positions()).toEqual([expect.objectContaining({ type: 2, size: 2 })]);
    expect((await post("/api/Position/closeContract", { accountId: ACCOUNT, contractId: ES })).json.success).toBe(true);
    expect(await positions()).toEqual([]);
    expect((await post("/api/Position/closeContract", { accountId: ACCOUNT, contractId: ES })).json.success).toBe(false);

    const history = (await post("/api/Order/search", { accountId: ACCOUNT, startTimestamp: start })).json.orders as Json[];
    expect(history.map((o) => [o.side, o.size, o.status, o.fillVolume])).toEqual([
      [1, 3, 2, 3],
      [0, 1, 2, 1],
      [0, 2, 2, 2],
    ]);
    expect(px.violations).toEqual([]);
  });

  test("a limit order rests, can be modified and cancelled", async () => {
    const { json } = await place({ type: 1, limitPrice: 20900 });
    const orderId = json.orderId as number;
    expect((await post("/api/Order/modify", { accountId: ACCOUNT, orderId, limitPrice: 20950 })).json.success).toBe(true);
    expect((await openOrders())[0]).toMatchObject({ id: orderId, limitPrice: 20950, status: 1 });
    expect((await post("/api/Order/cancel", { accountId: ACCOUNT, orderId })).json.success).toBe(true);
    expect(await openOrders()).toEqual([]);
    expect(px.violations).toEqual([]);
  });
});

describe("ProjectX fake — controls", () => {
  test("failNextWith401 expires the token; validate with it fails; loginKey again works", async () => {
    px.failNextWith401();
    expect((await post("/api/Position/searchOpen", { accountId: ACCOUNT })).status).toBe(401);
    expect((await post("/api/Auth/validate", {})).status).toBe(401);
    await login();
    expect((await post("/api/Position/searchOpen", { accountId: ACCOUNT })).status).toBe(200);
  });

  test("respond429Next and delayNextMs", async () => {
    px.respond429Next(2);
    const limited = await post("/api/Position/searchOpen", { accountId: ACCOUNT });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"]);
    px.delayNextMs(250, { match: "/api/Order/place" });
    const started = Date.now();
    await place({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  test("the documented limit (200 requests / 60 s, here lowered to 3) answers 429 past it", async () => {
    const fake = await startProjectXFake({ requestsPerMinute: 3 });
    const login = await fetch(`${fake.baseUrl}/api/Auth/loginKey`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fake.credentials) });
    const { token: t } = (await login.json()) as { token: string };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${fake.baseUrl}/api/Account/search`, { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json" }, body: '{"onlyActiveAccounts":true}' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    await fake.close();
  });

  test("dropNextConnection: the order fills though the client sees a network error; the retry is refused by customTag", async () => {
    px.dropNextConnection();
    await expect(place({ customTag: "ord_drop" })).rejects.toThrow();
    expect(await positions()).toEqual([expect.objectContaining({ size: 1 })]);
    expect((await place({ customTag: "ord_drop" })).json.success).toBe(false);
  });

  test("rejectNextOrder and partialFillNext", async () => {
    px.rejectNextOrder("Daily loss limit reached");
    expect((await place({})).json).toEqual({ orderId: null, success: false, errorCode: 2, errorMessage: "Daily loss limit reached" });
    px.partialFillNext(0.34);
    const { json } = await place({ size: 3 });
    expect(await positions()).toEqual([expect.objectContaining({ size: 1 })]);
    expect((await openOrders())[0]).toMatchObject({ id: json.orderId, status: 1, size: 3, fillVolume: 1 });
    expect(px.violations).toEqual([]);
  });

  test("violations: wrong enum, wrong type, missing content-type, missing bearer, unknown field", async () => {
    expect((await place({ type: 3 })).json).toMatchObject({ success: false });
    expect((await place({ accountId: "12001" })).status).toBe(400);
    expect((await post("/api/Position/searchOpen", { accountId: ACCOUNT }, {})).status).toBe(415);
    const noAuth = await fetch(`${px.baseUrl}/api/Position/searchOpen`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"accountId":12001}' });
    expect(noAuth.status).toBe(401);
    await place({ quantity: 1 });
    expect(px.violations).toEqual([
      expect.stringContaining("type: Invalid option"),
      expect.stringContaining("accountId: Invalid input: expected number"),
      expect.stringContaining("Content-Type"),
      expect.stringContaining("missing Authorization"),
      expect.stringContaining('field "quantity"'),
    ]);
  });
});
