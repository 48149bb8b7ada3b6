/**
 * Shared steps of the full-pipeline broker tests (tests/integration/brokers): the app started
 * against a contract fake, a user who connects a real-broker account through POST /accounts,
 * and readers of what the user then sees (positions, orders, accounts, activity log).
 */
import { expect } from "vitest";
import { startTestApp, type TestApp } from "./test-app";
import { call, newUser, type ApiResponse, type TestAccount, type TestUser } from "./client";
import type { PxCredentials } from "../fakes/projectx-routes";
import type { TlCredentials } from "../fakes/tradelocker-routes";
import type { TvCredentials } from "../fakes/tradovate-routes";

export type PositionView = {
  id: string;
  account_id: string;
  broker: string;
  symbol: string;
  side: "buy" | "sell";
  qty: number;
  entry_price: number;
  current_price: number | null;
  realized_pnl: number;
  status: "open" | "closed";
  closed_at: string | null;
};

export type OrderView = {
  id: string;
  symbol: string;
  action: string;
  side: string;
  qty: number;
  filled_qty: number;
  avg_price: number | null;
  status: string;
  reason: string | null;
  broker_order_id: string | null;
};

export type AccountListView = { id: string; broker: string; status: string; status_reason: string | null; balance: number; equity: number; last_sync: string | null };

/** What a webhook answers: the order outcome, or a problem+json. */
export type AlertAnswerBody = {
  ok?: boolean;
  order_id?: string;
  status?: string;
  broker_order_id?: string;
  filled_qty?: number;
  avg_price?: number;
  code?: string;
  detail?: string;
  broker_code?: string;
  positions_closed?: number;
  errors?: unknown[];
};

/** What the pipeline tests need of a contract fake (TradeLocker, ProjectX, Tradovate). */
export type PipelineFake = {
  baseUrl: string;
  violations: string[];
  book: { reset(): void };
  setPrice(symbol: string, price: number): void;
  close(): Promise<void>;
};

/** Starts the app with the broker's base URL variable (`TRADELOCKER_BASE_URL`, …) pointing at the fake. */
export async function startAppAgainst(fake: PipelineFake, baseUrlEnv: string): Promise<TestApp> {
  process.env[baseUrlEnv] = fake.baseUrl;
  return startTestApp();
}

/** Closes the app, then the fake (either is missing when starting failed), and unsets the base URL variable. */
export async function stopAppAndFake(app: TestApp | undefined, fake: PipelineFake | undefined, baseUrlEnv: string): Promise<void> {
  await app?.close();
  await fake?.close();
  delete process.env[baseUrlEnv];
}

/**
 * One fake account serves every test user: each test starts from a flat book at `prices`.
 * Only the book is reset; the app keeps its broker session.
 */
export function flatBook(fake: PipelineFake, prices: Record<string, number>): void {
  fake.book.reset();
  for (const [symbol, price] of Object.entries(prices)) fake.setPrice(symbol, price);
}

/** The connect form's credentials (POST /accounts, the adapter's `connect`) for the login a TradeLocker fake accepts. */
export const tradeLockerCreds = ({ credentials: c }: { credentials: TlCredentials }) => ({ email: c.email, password: c.password, server: c.server });

/** The connect form's credentials for the login a ProjectX fake accepts. */
export const projectXCreds = ({ credentials: c }: { credentials: PxCredentials }) => ({ username: c.userName, api_key: c.apiKey });

/** The connect form's credentials for the login a Tradovate fake accepts. */
export const tradovateCreds = ({ credentials: c }: { credentials: TvCredentials }) => ({
  username: c.name,
  password: c.password,
  app_id: c.appId,
  app_version: c.appVersion,
  cid: String(c.cid),
  sec: c.sec,
});

/** A user on the given plan (`pro` allows three broker accounts; a trial one). */
export async function tradingUser(app: TestApp, plan: "trial" | "pro" = "trial"): Promise<TestUser> {
  const user = await newUser(app);
  if (plan !== "trial") await app.db.query("update public.profiles set plan = $1 where id = $2", [plan, user.id]);
  return user;
}

/** POST /accounts for a real broker, as the connect form sends it. */
export function connectBroker(app: TestApp, user: TestUser, broker: string, credentials: Record<string, string>, name = `${broker} demo`) {
  return call<{ account: { id: string; status: string; balance: number }; api_key: string; webhook_secret: string; code?: string; detail?: string }>(
    app,
    "POST",
    "/accounts",
    { broker, name, mode: "demo", credentials },
    { token: user.token },
  );
}

/** Connects a broker account and returns it; fails the test with the API's answer otherwise. */
export async function connectedAccount(app: TestApp, user: TestUser, broker: string, credentials: Record<string, string>, name?: string): Promise<TestAccount> {
  const res = await connectBroker(app, user, broker, credentials, name);
  expect(res.status, res.text).toBe(201);
  return { id: res.body.account.id, api_key: res.body.api_key, webhook_secret: res.body.webhook_secret };
}

/** A trading user with a `broker` account connected through POST /accounts. */
export async function connectedTrader(app: TestApp, broker: string, credentials: Record<string, string>): Promise<{ u: TestUser; a: TestAccount }> {
  const u = await tradingUser(app);
  return { u, a: await connectedAccount(app, u, broker, credentials) };
}

/**
 * POST /accounts with credentials the broker refuses: 422 broker_rejected with a `detail`
 * that matches, none of `secrets` in the answer, and no account stored for the user.
 */
export async function expectConnectRefused(app: TestApp, broker: string, credentials: Record<string, string>, detail: RegExp, secrets: string[]): Promise<void> {
  const u = await tradingUser(app);
  const res = await connectBroker(app, u, broker, credentials);
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: "broker_rejected", detail: expect.stringMatching(detail) });
  for (const secret of secrets) expect(res.text).not.toContain(secret);
  expect(await app.db.query("select 1 from public.broker_accounts where user_id = $1", [u.id])).toHaveLength(0);
}

/** POST /positions/{id}/close as the user, with an empty body. */
export function closePosition(app: TestApp, user: TestUser, positionId: string) {
  return call<{ ok: boolean; status: string; realized_pnl: number }>(app, "POST", `/positions/${positionId}/close`, {}, { token: user.token });
}

export async function listPositions(app: TestApp, user: TestUser, query = ""): Promise<PositionView[]> {
  const res = await call<{ positions: PositionView[] }>(app, "GET", `/positions${query}`, undefined, { token: user.token });
  expect(res.status, res.text).toBe(200);
  return res.body.positions;
}

export async function listOrders(app: TestApp, user: TestUser, query = ""): Promise<OrderView[]> {
  const res = await call<{ orders: OrderView[] }>(app, "GET", `/orders${query}`, undefined, { token: user.token });
  expect(res.status, res.text).toBe(200);
  return res.body.orders;
}

export async function listAccounts(app: TestApp, user: TestUser): Promise<AccountListView[]> {
  const res = await call<{ accounts: AccountListView[] }>(app, "GET", "/accounts", undefined, { token: user.token });
  expect(res.status, res.text).toBe(200);
  return res.body.accounts;
}

/** One order as GET /orders shows it. */
export async function orderById(app: TestApp, user: TestUser, orderId: string): Promise<OrderView | undefined> {
  return (await listOrders(app, user, "?limit=100")).find((o) => o.id === orderId);
}

/**
 * Polls `read` until `done` holds, the way a dashboard would refresh GET /orders; fails
 * with the last value seen when `timeoutMs` passes.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Sends an alert the broker is slow to answer (the test arms the delay): the webhook answers
 * `pending` within the 2.5 s budget (2.65 s with the test's own overhead), and GET /orders then
 * shows the order filled in the background. Returns that order.
 */
export async function pendingThenFilled(app: TestApp, user: TestUser, send: () => Promise<ApiResponse<AlertAnswerBody>>): Promise<OrderView | undefined> {
  const res = await timed(send);
  expect(res.value.body).toMatchObject({ ok: true, status: "pending" });
  expect(res.ms).toBeLessThan(2_650);
  return pollUntil(() => orderById(app, user, res.value.body.order_id!), (o) => o?.status === "filled", 6_000);
}

/** Runs `fn` and measures how long its answer took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * Runs `fn` with a longer per-call broker timeout (BROKER_TIMEOUT_MS, read at every call).
 * The default 2 s gives up on the broker before the 2.5 s answer budget ends; a longer one
 * shows the submission finishing in the background after the webhook answered `pending`.
 */
export async function withBrokerTimeout<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.BROKER_TIMEOUT_MS;
  process.env.BROKER_TIMEOUT_MS = String(ms);
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.BROKER_TIMEOUT_MS;
    else process.env.BROKER_TIMEOUT_MS = saved;
  }
}

/** Every text-like column of the public and auth schemas, as "schema.table" and column. */
async function textColumns(app: TestApp): Promise<{ table: string; column: string }[]> {
  return app.db.query(
    `select table_schema || '.' || table_name as table, column_name as column
     from information_schema.columns
     where table_schema in ('public', 'auth')
       and data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
  );
}

/** Where `value` occurs in any text or JSON column of the database, as "table.column". */
export async function findPlaintext(app: TestApp, value: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns(app)) {
    const rows = await app.db.query(`select 1 from ${table} where strpos("${column}"::text, $1) > 0 limit 1`, [value]);
    if (rows.length) hits.push(`${table}.${column}`);
  }
  return hits;
}

/**
 * Records everything the process writes to stdout and stderr (the JSON log lines) and to
 * the console while `fn` runs, without passing it on.
 */
export async function captureOutput(fn: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const record = (chunk: unknown) => chunks.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
  const out = process.stdout.write;
  const err = process.stderr.write;
  const consoleMethods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = consoleMethods.map((m) => console[m]);
  // The wrappers keep write()'s contract (true = flushed) so nothing upstream waits for a drain.
  process.stdout.write = ((chunk: unknown) => (record(chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => (record(chunk), true)) as typeof process.stderr.write;
  for (const m of consoleMethods) console[m] = (...args: unknown[]) => void record(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  try {
    await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    consoleMethods.forEach((m, i) => (console[m] = saved[i]));
  }
  return chunks.join("");
}

/** The exit_all alert of an account. */
export const exitAll = (apiKey: string) => ({ version: "unify.v1", source: "test", api_key: apiKey, intent: { action: "exit_all" } });

export type { ApiResponse };
