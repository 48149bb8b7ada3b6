import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, newContext, paperAccountViaApi, screenshot, signUpViaApi } from "./support/browser";
import { expectAccessible } from "./support/axe";

let browser: Browser;
const baseUrl = inject("baseUrl");
const PAGES = [
  { path: "/dashboard", name: "overview" },
  { path: "/positions", name: "positions" },
  { path: "/activity", name: "activity" },
] as const;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Sends a market entry to the paper webhook exactly as a bot would (API key in the body). */
async function sendAlert(context: BrowserContext, apiKey: string, symbol: string, side: "buy" | "sell" = "buy") {
  const res = await context.request.post(`${baseUrl}/api/unify/v1/webhook/paper`, {
    data: { version: "unify.v1", source: "e2e", api_key: apiKey, intent: { action: "entry", side, type: "market", symbol, qty: 0.1 } },
  });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

/** A signed-up user with one paper account; optionally some open positions. */
async function trader(width?: number, height?: number, symbols: string[] = []) {
  const context = await newContext(browser, baseUrl, width, height);
  await signUpViaApi(context, baseUrl);
  const account = await paperAccountViaApi(context, baseUrl);
  for (const s of symbols) expect((await sendAlert(context, account.api_key, s)).status).toBe(200);
  return { context, account };
}

/** Waits until the page's live stream is connected, so an event sent now will arrive. */
async function waitLive(page: Page) {
  await page.locator('[data-testid="live-badge"][data-state="open"]').first().waitFor();
}

/** Puts a marker on window: if it is still there later, the page was not reloaded. */
async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __deskMarker?: number }).__deskMarker = 42));
}
async function notReloaded(page: Page) {
  return page.evaluate(() => (window as unknown as { __deskMarker?: number }).__deskMarker === 42);
}

describe("the live trading desk", () => {
  test("emergency stop: exact confirmation, summary, banner on every page until re-enabled", async () => {
    const { context, account } = await trader(undefined, undefined, ["EURUSD", "GBPUSD"]);
    const page = await context.newPage();
    await page.goto("/positions");
    await expect.poll(() => page.getByTestId("position-row").count()).toBe(2);

    await page.getByRole("button", { name: "Emergency stop" }).click();
    const dialog = page.getByTestId("stop-dialog");
    await dialog.waitFor();
    expect(await page.getByTestId("stop-plan").textContent()).toBe(
      "Close 2 open positions on 1 account at market, cancel 0 working orders, and disable every account so no alert trades until you re-enable them.",
    );
    await screenshot(page, "positions-emergency-confirm-desktop");
    await dialog.getByRole("button", { name: "Stop everything" }).click();

    const summary = page.getByTestId("stop-summary");
    await summary.waitFor();
    expect(await page.getByTestId("stop-positions-closed").textContent()).toBe("2");
    await page.getByTestId("positions-empty").waitFor();
    const banner = page.getByTestId("emergency-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("no alert trades");
    await screenshot(page, "positions-emergency-summary-desktop");

    // While stopped, an alert is refused, and the banner follows the trader around.
    const refused = await sendAlert(context, account.api_key, "EURUSD");
    expect(refused.status).toBe(403);
    for (const path of ["/dashboard", "/activity", "/accounts"]) {
      await page.goto(path);
      await page.getByTestId("emergency-banner").waitFor();
    }

    await page.getByRole("button", { name: "Re-enable accounts" }).click();
    await page.getByRole("button", { name: "Re-enable 1 account" }).click();
    await page.getByTestId("emergency-banner").waitFor({ state: "detached" });
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByTestId("emergency-banner").count()).toBe(0);
    expect((await sendAlert(context, account.api_key, "EURUSD")).status).toBe(200);
    await context.close();
  });

  test("two tabs: an alert sent over HTTP shows up live on the overview and the positions page", async () => {
    const { context, account } = await trader();
    const overview = await context.newPage();
    const positions = await context.newPage();
    await overview.goto("/dashboard");
    await positions.goto("/positions");
    await Promise.all([waitLive(overview), waitLive(positions)]);
    await Promise.all([markNoReload(overview), markNoReload(positions)]);
    expect(await overview.getByTestId("open-count").textContent()).toBe("0");

    expect((await sendAlert(context, account.api_key, "USDJPY", "sell")).status).toBe(200);

    await positions.locator('[data-testid="position-row"][data-symbol="USDJPY"]').waitFor();
    await overview.getByTestId("overview-position").filter({ hasText: "USDJPY" }).waitFor();
    await expect.poll(() => overview.getByTestId("open-count").textContent()).toBe("1");
    // The new position's margin shows on the equity card without a reload.
    await expect.poll(() => overview.getByTestId("margin-in-use").textContent()).toMatch(/margin in use \$[\d,]+\.\d{2}/);
    // The order and the log entry arrive live as well.
    await positions.getByTestId("order-row").filter({ hasText: "USDJPY" }).waitFor();
    await overview.getByTestId("recent-entry").filter({ hasText: "USDJPY" }).first().waitFor();
    expect(await notReloaded(overview)).toBe(true);
    expect(await notReloaded(positions)).toBe(true);
    await context.close();
  });

  test("unrealised P&L moves with the price feed without a reload; Escape cancels a close; partial then full close", async () => {
    const { context } = await trader(undefined, undefined, ["EURUSD"]);
    const page = await context.newPage();
    await page.goto("/positions");
    await waitLive(page);
    await markNoReload(page);
    const cell = page.getByTestId("position-pnl").first();
    const first = await cell.textContent();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="position-pnl"]')?.textContent !== before,
      first,
      { timeout: 30_000 },
    );
    expect(await notReloaded(page)).toBe(true);
    expect(await cell.textContent()).toMatch(/^[+−]?\$\d/);

    await page.getByRole("button", { name: /^Close EURUSD long/ }).click();
    const dialog = page.getByTestId("close-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("EURUSD");
    expect(await dialog.textContent()).toContain("long");
    expect(await dialog.getByTestId("close-dialog-pnl").textContent()).toMatch(/\$\d/);
    // Escape cancels: the position stays open.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByTestId("position-row").count()).toBe(1);

    // A partial close leaves the rest open.
    await page.getByRole("button", { name: /^Close EURUSD long/ }).click();
    await dialog.getByLabel("Quantity to close").fill("0.04");
    await dialog.getByRole("button", { name: "Close 0.04" }).click();
    await page.getByTestId("toast").filter({ hasText: "Closed part of EURUSD long 0.04" }).waitFor();
    await page.getByRole("button", { name: "Close EURUSD long 0.06" }).waitFor();

    await page.getByRole("button", { name: /^Close EURUSD long/ }).click();
    await dialog.getByRole("button", { name: "Close position" }).click();
    await page.getByTestId("positions-empty").waitFor();
    await page.getByTestId("toast").filter({ hasText: "Closed EURUSD" }).waitFor();
    await context.close();
  });

  test("empty states on every desk page for a trader with no account", async () => {
    const context = await newContext(browser, baseUrl);
    await signUpViaApi(context, baseUrl);
    const page = await context.newPage();
    await page.goto("/dashboard");
    await page.getByTestId("get-started").waitFor();
    expect(await page.getByRole("link", { name: "Connect a broker account" }).getAttribute("href")).toBe("/accounts");
    await page.goto("/positions");
    await page.getByTestId("positions-empty").waitFor();
    await page.getByTestId("orders-empty").waitFor();
    await page.goto("/activity");
    await page.getByTestId("logs-empty").waitFor();
    await page.getByTestId("events-empty").waitFor();
    await context.close();
  });

  test("orders filter by status and symbol", async () => {
    const { context } = await trader(undefined, undefined, ["EURUSD", "GBPUSD"]);
    const page = await context.newPage();
    await page.goto("/positions");
    await expect.poll(() => page.getByTestId("order-row").count()).toBe(2);
    await page.getByLabel("Symbol").fill("GBPUSD");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByTestId("order-row").count()).toBe(1);
    expect(await page.getByTestId("order-row").textContent()).toContain("GBPUSD");
    await page.getByLabel("Status").selectOption("rejected");
    await page.getByTestId("orders-empty").waitFor();
    expect(await page.getByTestId("orders-empty").textContent()).toContain("No orders match");
    await context.close();
  });

  test("activity: correlation drill-down, JSON expand, pause and resume the live tail", async () => {
    const { context, account } = await trader(undefined, undefined, ["EURUSD"]);
    const page = await context.newPage();
    await page.goto("/activity");
    const accepted = page.getByTestId("webhook-event-row").first();
    await accepted.waitFor();
    await accepted.getByText("Payload").click();
    expect(await accepted.locator("pre").textContent()).toContain('"symbol": "EURUSD"');

    await accepted.getByTestId("correlation-link").click();
    await page.getByTestId("correlation-trail").waitFor();
    const id = (await page.getByTestId("correlation-id").textContent()) ?? "";
    expect(page.url()).toContain(`correlation_id=${id}`);
    await expect.poll(() => page.getByTestId("correlation-trail").getByTestId("order-row").count()).toBe(1);
    expect(await page.getByTestId("webhook-event-row").count()).toBe(1);
    expect(await page.getByTestId("log-row").count()).toBeGreaterThan(0);
    for (const link of await page.getByTestId("log-row").getByTestId("correlation-link").all()) {
      expect(await link.getAttribute("href")).toContain(id);
    }

    await page.getByRole("link", { name: "Show all activity" }).click();
    await page.getByTestId("correlation-trail").waitFor({ state: "detached" });
    await waitLive(page);
    const before = await page.getByTestId("log-row").count();
    await page.getByRole("button", { name: "Pause live tail" }).click();
    await page.locator('[data-testid="live-badge"][data-state="paused"]').waitFor();
    expect((await sendAlert(context, account.api_key, "GBPUSD")).status).toBe(200);
    await page.getByText(/new entr(y|ies) while paused/).waitFor();
    expect(await page.getByTestId("log-row").count()).toBe(before);
    await page.getByRole("button", { name: "Resume live tail" }).click();
    await expect.poll(() => page.getByTestId("log-row").count()).toBeGreaterThan(before);
    await context.close();
  });

  test("375 px: no horizontal page scroll, accessible, screenshots of every desk page", async () => {
    const desktop = await trader(undefined, undefined, ["EURUSD", "USDJPY"]);
    const mobile = await newContext(browser, baseUrl, 375, 812);
    await mobile.addCookies(await desktop.context.cookies());
    const wide = await desktop.context.newPage();
    const narrow = await mobile.newPage();
    for (const p of PAGES) {
      await wide.goto(p.path);
      await wide.getByRole("heading", { level: 1 }).waitFor();
      await wide.waitForLoadState("networkidle").catch(() => undefined);
      await expectAccessible(wide, `${p.name} (desktop)`);
      await screenshot(wide, `${p.name}-desktop`);

      await narrow.goto(p.path);
      await narrow.getByRole("heading", { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(narrow), `${p.path} scrolls sideways at 375 px`).toBe(false);
      await expectAccessible(narrow, `${p.name} (mobile)`);
      await screenshot(narrow, `${p.name}-mobile`);
    }
    // The empty pages fit a phone too.
    const empty = await newContext(browser, baseUrl, 375, 812);
    await signUpViaApi(empty, baseUrl);
    const page = await empty.newPage();
    for (const p of PAGES) {
      await page.goto(p.path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(page), `${p.path} (empty) scrolls sideways at 375 px`).toBe(false);
    }
    await screenshot(page, "activity-empty-mobile");
    await Promise.all([desktop.context.close(), mobile.close(), empty.close()]);
  });
});
