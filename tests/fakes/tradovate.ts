/**
 * Contract fake of the Tradovate REST API (partner.tradovate.com, api.tradovate.com),
 * written from the docs and Tradovate's FAQ repository — never from our adapter.
 *
 *   const tv = await startTradovateFake();
 *   // adapter base URL = tv.baseUrl, e.g. http://127.0.0.1:PORT/v1
 *   tv.penaltyNext({ pTime: 1 }); // next POST gets {"p-ticket","p-time":1}
 *   …
 *   expect(tv.violations).toEqual([]);
 *   await tv.close();
 */
import { fakeControls, RateWindow, retryAfterHeader, revokeBearer } from "./fake-kit";
import { type CommonControls, FakeLog, startFakeServer } from "./fake-server";
import { TradovateBook } from "./tradovate-book";
import { PenaltyBox, type PenaltyOptions } from "./tradovate-penalty";
import { handleTradovate, type TvCredentials, type TvState } from "./tradovate-routes";

export type { TvAccount, TvContract, TvFill, TvOrder, TvPosition } from "./tradovate-data";
export type { TvCommand } from "./tradovate-commands";
export type { PenaltyOptions } from "./tradovate-penalty";

/** Test credentials the fake accepts at `POST /auth/accesstokenrequest`. */
export const TRADOVATE_TEST_CREDENTIALS: TvCredentials = {
  name: "unify_trader",
  password: "Tv-Test-Pass-1",
  appId: "Unify",
  appVersion: "1.0",
  cid: 8123,
  sec: "tv-test-secret-7c1d",
};

export type TradovateFakeOptions = {
  credentials?: Partial<TvCredentials>;
  /** Clock for the front month (contract names roll with it). Default: now. */
  now?: () => Date;
  /** Access token lifetime; brokers.md says about 80 minutes (newer partner docs say 90). */
  tokenTtlMinutes?: number;
  /** Docs: "Authentication: 10 requests/minute"; beyond it the fake answers a penalty ticket. */
  authRequestsPerMinute?: number;
  /** Docs: 5000 requests/minute; beyond it a bare 429. */
  requestsPerMinute?: number;
  /** Cash of each demo account. */
  startingBalance?: number;
};

export type TradovateFake = CommonControls & {
  credentials: TvCredentials;
  book: TradovateBook;
  /** The next POST (or the next matching request) gets `{"p-ticket", "p-time", "p-captcha"?}`; see `PenaltyBox`. */
  penaltyNext(options: PenaltyOptions): void;
  /** The next order fails with `{failureReason: "UnknownReason", failureText: reason}`. */
  rejectNextOrder(reason: string): void;
  /** The next market order fills only `fraction` of orderQty (at least 1); the rest keeps working. */
  partialFillNext(fraction: number): void;
  /** Moves a contract's price (`MNQ`, `MNQZ6`, …); working orders it reaches fill. */
  setPrice(symbol: string, price: number): void;
  reset(): void;
};

export async function startTradovateFake(options: TradovateFakeOptions = {}): Promise<TradovateFake> {
  const credentials = { ...TRADOVATE_TEST_CREDENTIALS, ...options.credentials };
  const userId = 5_001;
  const book = new TradovateBook(options.now ?? (() => new Date()), userId, options.startingBalance ?? 50_000);
  const log = new FakeLog();
  const state: TvState = {
    book,
    log,
    credentials,
    userId,
    tokenTtlMinutes: options.tokenTtlMinutes ?? 80,
    tokens: new Map(),
    authWindow: new RateWindow(options.authRequestsPerMinute ?? 10, 60_000),
    window: new RateWindow(options.requestsPerMinute ?? 5000, 60_000),
    penalties: new PenaltyBox(log),
  };
  const core = await startFakeServer(
    {
      basePath: "/v1",
      caseInsensitivePaths: true,
      requiresAuth: (req) => req.path.toLowerCase() !== "/auth/accesstokenrequest",
      isOrderPlacement: (req) => /^\/order\/place(order|oso)$/i.test(req.path),
      unauthorized: () => ({ status: 401 }),
      tooManyRequests: (retryAfterSec) => ({ status: 429, headers: retryAfterHeader(retryAfterSec) }),
      revokeToken: revokeBearer(state.tokens),
      handle: (req) => handleTradovate(state, req),
    },
    log,
  );

  return {
    ...fakeControls(core, book, () => {
      state.tokens.clear();
      state.authWindow.clear();
      state.window.clear();
      state.penalties.clear();
    }),
    credentials,
    penaltyNext: (penalty) => state.penalties.arm(penalty),
  };
}
