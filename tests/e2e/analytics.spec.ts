import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, newContext, paperAccountViaApi, screenshot, signUpViaApi } from "./support/browser";
import { expectAccessible } from "./support/axe";
import { formatSignedAmount } from "../../components/analytics/format";

const baseUrl = inject("baseUrl");
const TAG = "E2E_Analytics";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let apiKey: string;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, baseUrl);
  await signUpViaApi(context, baseUrl);
  apiKey = (await paperAccountViaApi(context, baseUrl)).api_key;
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The figure of one KPI card (its first <dd>). */
const kpi = (id: string) => page.getByTestId(id).locator("dd").first();

async function alert(intent: Record<string, unknown>) {
  const res = await context.request.post(`${baseUrl}/api/unify/v1/webhook/paper`, { data: { version: "unify.v1", api_key: apiKey, intent } });
  expect(res.status(), await res.text()).toBe(200);
}

describe("analytics in the browser", () => {
  test("a new trader sees the empty state, accessibly", async () => {
    await page.goto("/analytics");
    const empty = page.getByTestId("analytics-empty");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("No closed trades in this range yet — send an alert from the Playground");
    expect(await page.getByRole("link", { name: "30 days" }).getAttribute("aria-current")).toBe("true");
    await expectAccessible(page, "analytics (empty)");
  });

  test("a closed round trip shows up in the KPIs, the tables and the equity curve", async () => {
    await alert({ action: "entry", side: "buy", type: "market", symbol: "EURUSD", qty: 0.1, tag: TAG });
    await alert({ action: "exit", symbol: "EURUSD" });
    const summary = (await (await context.request.get(`${baseUrl}/api/unify/v1/analytics/summary`)).json()) as { trades: number; net_pnl: number };
    expect(summary.trades).toBe(1);

    await page.reload();
    await page.getByTestId("kpi-trades").waitFor();
    expect(await kpi("kpi-trades").textContent()).toBe("1");
    // The page shows exactly what the API computed, signed.
    expect(await kpi("kpi-net-pnl").textContent()).toBe(formatSignedAmount(summary.net_pnl, "USD"));
    expect(await page.getByTestId("by-tag").getByRole("rowheader", { name: TAG }).count()).toBe(1);
    expect(await page.getByTestId("by-broker").getByRole("rowheader", { name: "Paper" }).count()).toBe(1);
    await page.getByTestId("equity-curve").locator("svg.recharts-surface").first().waitFor();
    await expectAccessible(page, "analytics (one trade)");
    await screenshot(page, "analytics-desktop");
  });

  test("changing the range with the keyboard: presets and a custom from/to", async () => {
    await page.getByRole("link", { name: "7 days" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/analytics?range=7d");
    await page.getByTestId("kpi-trades").waitFor();
    expect(await kpi("kpi-trades").textContent()).toBe("1");
    expect(await page.getByRole("link", { name: "7 days" }).getAttribute("aria-current")).toBe("true");

    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2020-01-31");
    await page.getByLabel("To", { exact: true }).press("Enter");
    await page.waitForURL(/from=2020-01-01&to=2020-01-31/);
    await page.getByTestId("analytics-empty").waitFor();

    await page.getByLabel("From", { exact: true }).fill("2020-02-01");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/from=2020-02-01&to=2020-01-31/);
    expect(await page.locator("#range-error").textContent()).toBe("The start date must not be after the end date.");
    expect(await page.locator("#range-error").getAttribute("role")).toBe("alert");
    expect(await page.getByLabel("From", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });

  test("Export CSV downloads the range's trades", async () => {
    await page.goto("/analytics?range=all");
    await page.getByTestId("kpi-trades").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^unify-trades_start_\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^closed_at,opened_at,broker,account/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,EURUSD,buy,0.1,`);
    expect(lines[1]).toContain(`,${TAG},`);
  });

  test("at 375 px wide: no sideways scroll, still accessible", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/analytics");
    await page.getByTestId("kpi-trades").waitFor();
    await page.getByTestId("equity-curve").locator("svg.recharts-surface").first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectAccessible(page, "analytics (375 px)");
    await screenshot(page, "analytics-mobile");
  });
});
