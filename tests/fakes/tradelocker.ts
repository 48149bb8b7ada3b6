/**
 * Contract fake of TradeLocker's REST API (public-api.tradelocker.com), written from the
 * docs and TradeLocker's own Python client — never from our adapter.
 *
 *   const tl = await startTradeLockerFake();
 *   process.env.TRADELOCKER_BASE_URL = tl.baseUrl; // http://127.0.0.1:PORT/backend-api
 *   …
 *   expect(tl.violations).toEqual([]);
 *   await tl.close();
 */
import { fakeControls, randomSecret, RateWindow, retryAfterHeader, revokeBearer } from "./fake-kit";
import { type CommonControls, FakeLog, type FakeReply, startFakeServer } from "./fake-server";
import { TradeLockerBook } from "./tradelocker-book";
import type { TlAccount } from "./tradelocker-data";
import { handleTradeLocker, type TlCredentials, type TlState } from "./tradelocker-routes";

export type { TlAccount, TlInstrument, TlOrder, TlPosition } from "./tradelocker-data";

/** Test credentials the fake accepts at `POST /auth/jwt/token`. */
export const TRADELOCKER_TEST_CREDENTIALS: TlCredentials = {
  email: "trader@unify.test",
  password: "Correct-Horse-Battery-1",
  server: "UNIFY-DEMO",
};

export type TradeLockerFakeOptions = {
  credentials?: Partial<TlCredentials>;
  /** Accounts of the test user; default two USD demo accounts (accNum 1 and 2). */
  accounts?: TlAccount[];
  /** Hedging account: every fill opens its own position. Default false: positions net per instrument. */
  hedging?: boolean;
  /** Serialise numbers and ids as strings, as TradeLocker does (unconfirmed). Default true. */
  numericStrings?: boolean;
  /** Reverse every column list in `/trade/config`, to prove the client reads it. Default false. */
  shuffleColumns?: boolean;
  /** HTTP status of `{"s":"error"}` answers to refused orders; brokers.md says 200. */
  errorHttpStatus?: number;
  /** Lifetime of access tokens (the JWT `exp`). Default 3600 s (unconfirmed). */
  accessTokenTtlSec?: number;
  /** `PLACE_ORDER` requests allowed per second before a 429 (matches `rateLimits` in `/trade/config`). */
  placeOrdersPerSecond?: number;
};

export type TradeLockerFake = CommonControls & {
  credentials: TlCredentials;
  book: TradeLockerBook;
  /** The next order is refused with `{"s":"error","errmsg": reason}`. */
  rejectNextOrder(reason: string): void;
  /** The next market order fills only `fraction` of its quantity; IOC cancels the rest. */
  partialFillNext(fraction: number): void;
  /** Moves the price of EURUSD/GBPUSD/USDJPY/EURGBP/XAUUSD; resting orders and SL/TP it crosses fill. */
  setPrice(symbol: string, price: number): void;
  /** `GET /trade/quotes` answers `{"s":"error"}` for these instruments until reset. */
  withholdQuotes(...symbols: string[]): void;
  /** Back to the seeded book; requests, violations, tokens and armed faults are forgotten. */
  reset(): void;
};

export async function startTradeLockerFake(options: TradeLockerFakeOptions = {}): Promise<TradeLockerFake> {
  const credentials = { ...TRADELOCKER_TEST_CREDENTIALS, ...options.credentials };
  const book = new TradeLockerBook({ hedging: options.hedging, accounts: options.accounts });
  const placeOrdersPerSecond = options.placeOrdersPerSecond ?? 10;
  const tooMany = (retryAfterSec?: number): FakeReply => ({
    status: 429,
    body: { s: "error", errmsg: "Too many requests" },
    headers: retryAfterHeader(retryAfterSec),
  });

  const log = new FakeLog();
  const state: TlState = {
    book,
    log,
    credentials,
    style: { numericStrings: options.numericStrings ?? true, shuffleColumns: options.shuffleColumns ?? false },
    errorHttpStatus: options.errorHttpStatus ?? 200,
    accessTokenTtlSec: options.accessTokenTtlSec ?? 3600,
    secret: randomSecret(),
    accessTokens: new Map(),
    refreshTokens: new Set(),
    placeOrderWindow: new RateWindow(placeOrdersPerSecond, 1000),
  };
  const core = await startFakeServer(
    {
      basePath: "/backend-api",
      requiresAuth: (req) => req.path.startsWith("/trade/") || req.path === "/auth/jwt/all-accounts",
      isOrderPlacement: (req) => req.method === "POST" && /^\/trade\/accounts\/\d+\/orders$/.test(req.path),
      unauthorized: () => ({ status: 401, body: { s: "error", errmsg: "Unauthorized" } }),
      tooManyRequests: tooMany,
      revokeToken: revokeBearer(state.accessTokens),
      handle: (req) => handleTradeLocker(state, req),
    },
    log,
  );

  return {
    ...fakeControls(core, book, () => {
      state.accessTokens.clear();
      state.refreshTokens.clear();
      state.placeOrderWindow.clear();
    }),
    credentials,
    withholdQuotes: (...symbols) => symbols.forEach((s) => book.quoteless.add(s)),
  };
}
