/**
 * Contract fake of the ProjectX Gateway API (gateway.docs.projectx.com), the API behind
 * TopstepX — written from the docs, never from our adapter.
 *
 *   const px = await startProjectXFake();
 *   // adapter host = px.baseUrl, e.g. http://127.0.0.1:PORT (routes under /api/…)
 *   …
 *   expect(px.violations).toEqual([]);
 *   await px.close();
 */
import { fakeControls, randomSecret, RateWindow, retryAfterHeader, revokeBearer } from "./fake-kit";
import { type CommonControls, FakeLog, startFakeServer } from "./fake-server";
import { ProjectXBook } from "./projectx-book";
import type { PxAccount } from "./projectx-data";
import { handleProjectX, type PxCredentials, type PxState } from "./projectx-routes";

export type { PxAccount, PxContract, PxOrder, PxPosition } from "./projectx-data";
export { PX_STATUS } from "./projectx-data";

/** Test credentials the fake accepts at `POST /api/Auth/loginKey`. */
export const PROJECTX_TEST_CREDENTIALS: PxCredentials = { userName: "unify-trader", apiKey: "px-test-key-0123456789" };

export type ProjectXFakeOptions = {
  credentials?: Partial<PxCredentials>;
  /** Default: 12001 and 12002 (can trade) and 12003 (failed evaluation: hidden unless `onlyActiveAccounts: false`). */
  accounts?: PxAccount[];
  /** Clock for the front month (contract ids roll with it). Default: now. */
  now?: () => Date;
  /** Session token lifetime; the docs say 24 hours. */
  tokenTtlSec?: number;
  /** Docs: "All other Endpoints: 200 requests / 60 seconds". */
  requestsPerMinute?: number;
};

export type ProjectXFake = CommonControls & {
  credentials: PxCredentials;
  book: ProjectXBook;
  /** The next order is refused: `{orderId: null, success: false, errorCode: 2, errorMessage: reason}`. */
  rejectNextOrder(reason: string): void;
  /** The next market order fills only `fraction` of its size (at least one contract); the rest keeps working. */
  partialFillNext(fraction: number): void;
  /** Moves a contract's price (`MNQ`, `NQ`, `ES`, `MES`, the contract name or id); working orders it reaches fill. */
  setPrice(symbol: string, price: number): void;
  reset(): void;
};

export async function startProjectXFake(options: ProjectXFakeOptions = {}): Promise<ProjectXFake> {
  const credentials = { ...PROJECTX_TEST_CREDENTIALS, ...options.credentials };
  const book = new ProjectXBook(options.now ?? (() => new Date()), options.accounts);
  const log = new FakeLog();
  const state: PxState = {
    book,
    log,
    credentials,
    tokenTtlSec: options.tokenTtlSec ?? 24 * 3600,
    secret: randomSecret(),
    tokens: new Map(),
    window: new RateWindow(options.requestsPerMinute ?? 200, 60_000),
  };
  const core = await startFakeServer(
    {
      basePath: "",
      requiresAuth: (req) => req.path !== "/api/Auth/loginKey",
      isOrderPlacement: (req) => req.path === "/api/Order/place",
      unauthorized: () => ({ status: 401 }),
      tooManyRequests: (retryAfterSec) => ({ status: 429, text: "Too Many Requests", headers: retryAfterHeader(retryAfterSec) }),
      revokeToken: revokeBearer(state.tokens),
      handle: (req) => handleProjectX(state, req),
    },
    log,
  );

  return {
    ...fakeControls(core, book, () => {
      state.tokens.clear();
      state.window.clear();
    }),
    credentials,
  };
}
