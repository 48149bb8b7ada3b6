import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, newContext, paperAccountViaApi, screenshot, signUpViaApi } from "./support/browser";
import { expectAccessible } from "./support/axe";
import { PLAN_IDS, PLANS } from "@/lib/plans/catalog";
import { TRADINGVIEW_IPS } from "@/lib/accounts/ip-allowlist";
import { normalizeAlert } from "@/lib/intake/normalize";
import { fillPlaceholders } from "@/lib/webhooks/templates";

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A signed-in trader, optionally with a paper account. */
async function trader(withAccount: boolean): Promise<{ context: BrowserContext; page: Page; account: { id: string; api_key: string } | null }> {
  const context = await newContext(browser, baseUrl);
  await signUpViaApi(context, baseUrl);
  const account = withAccount ? await paperAccountViaApi(context, baseUrl) : null;
  return { context, page: await context.newPage(), account };
}

/** What sticks out past the viewport's right edge, for a readable failure. */
function widerThanViewport(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest("nav"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? String(el.className).slice(0, 40)}] right=${Math.round(el.getBoundingClientRect().right)}`)
      .join("; "),
  );
}

/** The desktop screenshot, then the same page at 375 px: no sideways scroll, and its screenshot. */
async function desktopAndMobile(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 375, height: 812 });
  // Charts re-measure their container on the next ResizeObserver callback; wait for the layout to settle.
  await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1, null, { timeout: 3_000 }).catch(() => undefined);
  expect(await hasHorizontalScroll(page), `${name} scrolls sideways at 375 px: ${await widerThanViewport(page)}`).toBe(false);
  await screenshot(page, `${name}-mobile`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("trader's tools in the browser", () => {
  test("landing and pricing are rendered from the plan catalog, without client JavaScript", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    for (const id of PLAN_IDS) {
      const plan = PLANS[id];
      const card = page.getByTestId(`plan-${id}`);
      await card.getByRole("heading", { name: plan.name }).waitFor();
      const text = (await card.textContent()) ?? "";
      expect(text).toContain(plan.priceUsd === 0 ? "Free" : `$${plan.priceUsd}`);
      expect(text).toContain(`${new Intl.NumberFormat("en-US").format(plan.requestsPerMinute)} per minute`);
      for (const feature of plan.features) expect(text).toContain(feature);
      // Security is on every plan, never a reason to upgrade.
      expect(text).toContain("Two-factor authentication");
    }
    expect(await page.getByRole("link", { name: "Start free trial" }).first().getAttribute("href")).toBe("/signup");
    expect(await page.getByRole("link", { name: "Log in" }).first().getAttribute("href")).toBe("/login");
    await page.getByRole("heading", { name: "How an alert becomes a position" }).waitFor();
    await context.close();

    const signedOut = await newContext(browser, baseUrl);
    const visitor = await signedOut.newPage();
    await visitor.goto("/");
    await expectAccessible(visitor, "landing");
    await desktopAndMobile(visitor, "landing");
    await signedOut.close();

    const { context: signedIn, page: member } = await trader(false);
    await member.goto("/");
    expect(await member.getByRole("link", { name: "Go to dashboard" }).first().getAttribute("href")).toBe("/dashboard");
    expect(await member.getByRole("link", { name: "Start free trial" }).count()).toBe(0);
    await signedIn.close();
  });

  test("webhooks: empty state, then a template to copy that the webhook's normaliser accepts, and the TradingView IP restriction", async () => {
    const { context, page } = await trader(false);
    await page.goto("/webhooks");
    await page.getByTestId("webhooks-empty").waitFor();

    const account = await paperAccountViaApi(context, baseUrl);
    await page.reload();
    expect(await page.getByTestId("webhook-url").textContent()).toBe(`${baseUrl}/api/unify/v1/webhook/paper`);

    // Before the key is pasted, the template carries the clearly marked placeholder.
    await page.getByRole("button", { name: "Copy unify.v1 template" }).click();
    await page.getByText("Copied to the clipboard").first().waitFor();
    const withPlaceholder = await page.evaluate(() => navigator.clipboard.readText());
    expect(withPlaceholder).toContain('"api_key": "PASTE_YOUR_API_KEY_HERE"');

    await page.getByLabel("API key (optional)").fill("uk_demo_notthisaccountskey000000000000000000");
    await page.getByText("This key is not this account's").waitFor();
    await page.getByLabel("API key (optional)").fill(account.api_key);
    await page.getByRole("button", { name: "Copy unify.v1 template" }).click();
    const envelope = await page.evaluate(() => navigator.clipboard.readText());
    const parsed = normalizeAlert(fillPlaceholders(envelope));
    expect(parsed).toMatchObject({ ok: true, envelope: { api_key: account.api_key, intent: { action: "entry", side: "buy", symbol: "EURUSD" } } });

    await page.getByRole("button", { name: "Copy flat template" }).click();
    const flat = await page.evaluate(() => navigator.clipboard.readText());
    expect(flat).toContain('"sentiment": "{{strategy.market_position}}"');
    expect(normalizeAlert(fillPlaceholders(flat)).ok).toBe(true);

    for (const ip of TRADINGVIEW_IPS) await page.getByTestId("tradingview-ips").getByText(ip).waitFor();
    await page.getByRole("button", { name: "Restrict to TradingView IPs" }).click();
    await page.getByTestId("ip-allowlist-status").getByText("TradingView's addresses only").waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Allow any IP address" }).waitFor();
    const saved = await (await context.request.get(`${baseUrl}/api/unify/v1/accounts`)).json();
    expect(saved.accounts[0].ip_allowlist).toEqual(["tradingview"]);

    await expectAccessible(page, "webhooks");
    await desktopAndMobile(page, "webhooks");
    await context.close();
  });

  test("playground: live validation points at the field and line, the preview draws SL/TP, send to paper answers", async () => {
    const { context, page } = await trader(true);
    await page.goto("/playground");
    const preview = page.getByTestId("order-preview");
    await page.getByTestId("preview-current").getByText("Would be placed").waitFor();
    expect(await page.getByTestId("preview-sl").textContent()).toMatch(/^1\.\d{5} \(20 pips\)$/);
    expect(await page.getByTestId("preview-tp").textContent()).toMatch(/^1\.\d{5} \(40 pips, 2 R\)$/);
    await page.getByTestId("levels-chart").locator("text", { hasText: /^SL 1\.\d{5}$/ }).waitFor();
    await page.getByTestId("levels-chart").locator("text", { hasText: /^TP 1\.\d{5}$/ }).waitFor();
    // The price levels are the API's: entry is the live ask for a market buy.
    const entry = Number((await page.getByTestId("preview-entry").textContent())?.replace(/,/g, ""));
    expect(entry).toBeGreaterThan(0.5);

    const editor = page.getByLabel("Alert JSON");
    await editor.fill('{\n  "ticker": "EURUSD",\n  "action": "buy",\n  "quantity": "one"\n}');
    const issues = page.getByTestId("alert-issues");
    await issues.getByText('"one" is not a number').waitFor();
    expect(await issues.textContent()).toContain("Line 4quantity");
    expect(await editor.getAttribute("aria-invalid")).toBe("true");
    await issues.getByRole("button", { name: "Line 4" }).click();
    expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split("\n").length)).toBe(4);

    await editor.fill('{\n  "version": "unify.v1",\n  "intent": {\n    "side": "buy",\n    "symbol": "EURUSD",\n  }\n}');
    await issues.getByText("trailing comma").waitFor();
    expect(await issues.textContent()).toContain("Line 6");

    await page.getByRole("button", { name: "Bare intent: MNQ with points" }).click();
    await page.getByTestId("alert-validation").getByText("Valid bare intent").waitFor();
    await page.getByTestId("preview-current").getByText("Buy market · MNQ").waitFor();

    await page.getByRole("button", { name: "Flat alert: buy with SL/TP" }).click();
    await page.getByTestId("preview-current").getByText("Buy market · EURUSD").waitFor();
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByTestId("preview-current").getByText("Would be placed").waitFor();
    await expectAccessible(page, "playground");

    await page.getByRole("button", { name: "Send to paper" }).click();
    const answer = page.getByTestId("paper-answer");
    await answer.getByText(/Order filled at 1\.\d+ · 1 filled/).waitFor();
    expect(await answer.getByTestId("paper-order-id").textContent()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await answer.getByRole("link", { name: "See it on Positions" }).getAttribute("href")).toBe("/positions");
    const positions = await (await context.request.get(`${baseUrl}/api/unify/v1/positions?status=open`)).json();
    expect(positions.positions).toEqual([expect.objectContaining({ symbol: "EURUSD", side: "buy", qty: 1 })]);
    expect(await preview.count()).toBe(1);

    await desktopAndMobile(page, "playground");
    await context.close();
  });

  test("settings: inline field errors from the API's schemas, save, reload shows the saved values, broker override and its removal", async () => {
    const { context, page } = await trader(true);
    await page.goto("/settings");
    const risk = page.getByRole("form", { name: "Risk settings" });
    await risk.getByLabel("Max open trades").fill("2.5");
    await risk.getByLabel("Max daily loss (% of equity)").fill("150");
    await risk.getByRole("button", { name: "Save risk settings" }).click();
    await risk.getByText("must be a whole number").waitFor();
    await risk.getByText("must be at most 100").waitFor();
    expect(await risk.getByLabel("Max open trades").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("risk-max_daily_loss_pct");
    await page.getByTestId("risk-status").getByText("Not saved").waitFor();

    await risk.getByLabel("Max open trades").fill("3");
    await risk.getByLabel("Max daily loss (% of equity)").fill("");
    expect(await risk.getByText("must be a whole number").count()).toBe(0);
    await risk.getByLabel("Max daily loss (USD)").fill("500");
    await risk.getByLabel("Instrument to deny").fill("gbpjpy");
    await risk.getByLabel("Instrument to deny").press("Enter");
    await risk.getByTestId("denied-list").getByText("GBPJPY").waitFor();
    await risk.getByLabel("Only trade inside these hours").check();
    await risk.getByLabel("Start", { exact: true }).fill("08:00");
    await risk.getByLabel("Until the end of the day (24:00)").check();
    await risk.getByLabel("Time zone").selectOption("America/New_York");
    await risk.getByLabel("Sat", { exact: true }).uncheck();
    await risk.getByLabel("Sun", { exact: true }).uncheck();
    await risk.getByLabel("Pause entries around economic news").check();
    await risk.getByRole("button", { name: "Save risk settings" }).click();
    await page.getByTestId("risk-status").getByText("Risk settings saved for all brokers (defaults).").waitFor();

    const config = page.getByRole("form", { name: "Trading config" });
    await config.getByLabel("Use a trailing stop").check();
    await config.getByRole("button", { name: "Save trading config" }).click();
    await config.getByText("is required when use_trailing_sl is on").waitFor();
    await config.getByLabel("Trailing distance (% of price)").fill("0.5");
    await config.getByLabel("Sizing mode").selectOption("risk_pct");
    await config.getByLabel("Percent", { exact: true }).fill("0.75");
    await config.getByRole("button", { name: "Save trading config" }).click();
    await page.getByTestId("config-status").getByText("Trading config saved").waitFor();

    await page.reload();
    expect(await risk.getByLabel("Max open trades").inputValue()).toBe("3");
    expect(await risk.getByLabel("Max daily loss (USD)").inputValue()).toBe("500");
    expect(await risk.getByLabel("Max daily loss (% of equity)").inputValue()).toBe("");
    await risk.getByTestId("denied-list").getByText("GBPJPY").waitFor();
    expect(await risk.getByLabel("Time zone").inputValue()).toBe("America/New_York");
    expect(await risk.getByLabel("Start", { exact: true }).inputValue()).toBe("08:00");
    expect(await risk.getByLabel("Until the end of the day (24:00)").isChecked()).toBe(true);
    expect(await risk.getByLabel("Sat", { exact: true }).isChecked()).toBe(false);
    expect(await risk.getByLabel("Mon", { exact: true }).isChecked()).toBe(true);
    expect(await risk.getByLabel("Pause entries around economic news").isChecked()).toBe(true);
    expect(await config.getByLabel("Sizing mode").inputValue()).toBe("risk_pct");
    expect(await config.getByLabel("Percent", { exact: true }).inputValue()).toBe("0.75");
    expect(await config.getByLabel("Trailing distance (% of price)").inputValue()).toBe("0.5");
    await expectAccessible(page, "settings");
    await desktopAndMobile(page, "settings");

    // A paper override: created by saving, visible, removable.
    await page.getByLabel("Settings for").selectOption("paper");
    await page.getByTestId("risk-scope-status").getByText("Paper follows the default risk settings").waitFor();
    expect(await risk.getByLabel("Max open trades").inputValue()).toBe("3");
    await risk.getByLabel("Max open trades").fill("1");
    await risk.getByRole("button", { name: "Save risk settings" }).click();
    await page.getByTestId("risk-scope-status").getByText("Paper has its own risk settings (an override).").waitFor();
    expect((await (await context.request.get(`${baseUrl}/api/unify/v1/risk?broker=paper`)).json()).max_open_trades).toBe(1);
    const paperOption = page.getByLabel("Settings for").locator('option[value="paper"]');
    expect(await paperOption.textContent()).toContain("override");
    await page.reload();
    expect(await paperOption.textContent()).toContain("override");
    await page.getByLabel("Settings for").selectOption("paper");
    await page.getByTestId("risk-scope-status").getByText("Paper has its own risk settings (an override).").waitFor();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Remove override" }).click();
    await page.getByTestId("risk-scope-status").getByText("Paper follows the default risk settings").waitFor();
    expect(await risk.getByLabel("Max open trades").inputValue()).toBe("3");
    expect((await (await context.request.get(`${baseUrl}/api/unify/v1/risk?broker=paper`)).json()).is_override).toBe(false);
    expect(await paperOption.textContent()).not.toContain("override");
    await context.close();
  });

  test("risk views: empty states for a new user, then live data after a trade", async () => {
    const { context, page } = await trader(false);
    await page.goto("/risk");
    await page.getByTestId("heatmap-empty").waitFor();
    await page.getByTestId("equity-empty").waitFor();
    await page.getByTestId("drawdown-empty").waitFor();
    await expectAccessible(page, "risk-empty");

    const account = await paperAccountViaApi(context, baseUrl);
    await page.reload();
    await page.getByTestId("heatmap-empty").waitFor();
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    // The order is placed outside this page: the heatmap must follow by itself (position events).
    const res = await context.request.post(`${baseUrl}/api/unify/v1/order`, {
      data: { side: "buy", symbol: "XAUUSD", qty: 0.5, account_id: account.id },
      headers: { origin: baseUrl },
    });
    expect(res.status()).toBe(200);
    const table = page.getByTestId("exposure-table");
    await table.getByRole("rowheader", { name: "XAUUSD" }).waitFor();
    expect(await table.textContent()).toMatch(/XAUUSDpaper\$[\d,]+\.\d{2}[+−]?\$[\d,]+\.\d{2}/);
    await page.getByTestId("heatmap").locator("text", { hasText: "XAUUSD" }).waitFor();
    await page.getByTestId("equity-summary").getByText(/equity \$[\d,]+\.\d{2}/).waitFor();
    await page.getByTestId("drawdown-summary").waitFor();
    await expectAccessible(page, "risk");
    await desktopAndMobile(page, "risk");
    await context.close();
  });

  test("theme: the toggle persists across reloads and is applied before first paint", async () => {
    const { context, page } = await trader(false);
    // Record the theme at DOMContentLoaded, before React hydrates anything.
    await context.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { __darkAtDcl: boolean }).__darkAtDcl = document.documentElement.classList.contains("dark");
      });
    });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/settings");
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await page.getByTestId("theme-toggle").click();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);

    for (const path of ["/settings", "/risk", "/"]) {
      await page.goto(path, { waitUntil: "domcontentloaded" });
      expect(await page.evaluate(() => (window as unknown as { __darkAtDcl?: boolean }).__darkAtDcl), `${path} dark at DOMContentLoaded`).toBe(true);
    }
    // The dark palette keeps every page readable too.
    for (const path of ["/", "/webhooks", "/playground", "/settings", "/risk"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectAccessible(page, `${path} (dark)`);
    }
    await screenshot(page, "risk-dark-desktop");

    await page.goto("/settings");
    await page.getByTestId("theme-toggle").click();
    await page.reload({ waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => (window as unknown as { __darkAtDcl?: boolean }).__darkAtDcl)).toBe(false);
    await context.close();
  });
});
