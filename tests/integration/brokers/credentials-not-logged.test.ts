// Broker credentials never leave the encrypted column: a full flow at debug log level —
// connect (also with a wrong secret), alerts, a 401 that forces a new login, a rejection, a
// dropped connection, a close, a sync — writes none of them to stdout, stderr or any
// text/JSON column of the database.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app";
import { entry, sendAlert } from "../../support/alerts";
import { startTradeLockerFake, type TradeLockerFake } from "../../fakes/tradelocker";
import { startProjectXFake, type ProjectXFake } from "../../fakes/projectx";
import { startTradovateFake, type TradovateFake } from "../../fakes/tradovate";
import { reconcilePending } from "../../../lib/execution/reconcile";
import { syncAccounts } from "../../../lib/execution/sync-accounts";
import { captureOutput, closePosition, connectBroker, connectedAccount, findPlaintext, listPositions, projectXCreds, tradeLockerCreds, tradingUser, tradovateCreds, type AlertAnswerBody } from "../../support/broker-fakes";

let app: TestApp;
let tl: TradeLockerFake;
let px: ProjectXFake;
let tv: TradovateFake;
const savedLevel = process.env.UNIFY_LOG_LEVEL;

beforeAll(async () => {
  [tl, px, tv] = await Promise.all([startTradeLockerFake(), startProjectXFake(), startTradovateFake()]);
  process.env.TRADELOCKER_BASE_URL = tl.baseUrl;
  process.env.PROJECTX_BASE_URL = px.baseUrl;
  process.env.TRADOVATE_BASE_URL = tv.baseUrl;
  process.env.UNIFY_LOG_LEVEL = "debug";
  app = await startTestApp();
});
afterAll(async () => {
  if (savedLevel === undefined) delete process.env.UNIFY_LOG_LEVEL;
  else process.env.UNIFY_LOG_LEVEL = savedLevel;
  await app?.close();
  await Promise.all([tl?.close(), px?.close(), tv?.close()]);
  delete process.env.TRADELOCKER_BASE_URL;
  delete process.env.PROJECTX_BASE_URL;
  delete process.env.TRADOVATE_BASE_URL;
});

type Fault = { failNextWith401(match?: string | RegExp): void; rejectNextOrder(reason: string): void; dropNextConnection(): void; violations: string[] };
type Case = { broker: string; fake: () => Fault; creds: () => Record<string, string>; wrong: Record<string, string>; placement: string | RegExp; alert: Record<string, unknown> };

const WRONG_SECRET = "Wrong-Secret-Value-913";
const cases: Case[] = [
  {
    broker: "tradelocker",
    fake: () => tl,
    creds: () => tradeLockerCreds(tl),
    wrong: { password: WRONG_SECRET },
    placement: /\/orders$/,
    alert: { symbol: "EURUSD", qty: 0.1, price: 1.1 },
  },
  {
    broker: "topstep",
    fake: () => px,
    creds: () => projectXCreds(px),
    wrong: { api_key: WRONG_SECRET },
    placement: "/api/Order/place",
    alert: { symbol: "MNQ1!", qty: 1, price: 21_000 },
  },
  {
    broker: "tradovate",
    fake: () => tv,
    creds: () => tradovateCreds(tv),
    wrong: { sec: WRONG_SECRET },
    placement: /place/i,
    alert: { symbol: "MNQ1!", qty: 1, price: 21_000 },
  },
];

describe("broker credentials are never logged", () => {
  test("a full flow at UNIFY_LOG_LEVEL=debug writes no password, API key or secret to stdout, stderr or the database", async () => {
    const unifySecrets: string[] = [];
    const output = await captureOutput(async () => {
      for (const c of cases) {
        const u = await tradingUser(app);
        expect((await connectBroker(app, u, c.broker, { ...c.creds(), ...c.wrong })).status).toBe(422);
        const a = await connectedAccount(app, u, c.broker, c.creds());
        unifySecrets.push(a.api_key, a.webhook_secret);
        const send = () => sendAlert<AlertAnswerBody>(app, c.broker, entry(a.api_key, c.alert));

        expect((await send()).body.status).toBe("filled");
        c.fake().failNextWith401(c.placement);
        expect((await send()).body.status).toBe("filled");
        c.fake().rejectNextOrder("Rejected for the log test");
        expect((await send()).status).toBe(422);
        c.fake().dropNextConnection();
        expect((await send()).body.status).toBe("pending");
        await reconcilePending({ olderThanMs: 0 });
        const [position] = await listPositions(app, u);
        expect((await closePosition(app, u, position.id)).status).toBe(200);
        await syncAccounts({ accountId: a.id });
        expect(c.fake().violations).toEqual([]);
      }
    });

    // The capture saw the flow's log lines, debug ones included.
    expect(output).toContain("broker outcome unknown");
    expect(output).toContain('"level":"debug"');
    const brokerSecrets = [tl.credentials.password, px.credentials.apiKey, tv.credentials.password, tv.credentials.sec, WRONG_SECRET];
    for (const secret of [...brokerSecrets, ...unifySecrets]) {
      expect(output.includes(secret), `${secret.slice(0, 6)}… appears in the process output`).toBe(false);
      expect(await findPlaintext(app, secret), `${secret.slice(0, 6)}… stored in plaintext`).toEqual([]);
    }
  });
});
