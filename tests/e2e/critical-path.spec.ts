import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, screenshot, uniqueEmail } from "./support/browser";

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** "+$1,234.50" / "−$3.00" / "$0.00" as a number. */
function money(text: string | null): number {
  const t = (text ?? "").trim();
  const value = Number(t.match(/[\d,]+(?:\.\d+)?/)?.[0].replace(/,/g, "") ?? Number.NaN);
  return /^[−-]/.test(t) ? -value : value;
}

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? "";
}

describe("the critical path in a real browser", () => {
  test("sign up → connect paper → copy a template → send it from the playground → live P&L → close → analytics and equity reflect the trade", async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();

    // 1. Sign up: the trial lands on the overview with its first-run checklist.
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Critical Path");
    await page.getByLabel("Email").fill(uniqueEmail());
    await page.getByLabel("Password").fill("a-long-password-1");
    await page.getByRole("button", { name: "Start free trial" }).click();
    await page.waitForURL("**/dashboard");
    await page.getByTestId("get-started").waitFor();

    // 2. Connect the built-in paper broker; the key is shown once.
    await page.getByRole("link", { name: "Connect a broker account" }).click();
    await page.waitForURL("**/accounts");
    await page.getByLabel("Name").fill("Paper desk");
    await page.getByRole("button", { name: "Connect account" }).click();
    const apiKey = (await page.getByTestId("reveal-api-key").textContent()) ?? "";
    expect(apiKey).toMatch(/^uk_demo_/);
    await page.getByRole("button", { name: "I have saved them" }).click();

    // 3. The webhooks page puts the pasted key into the flat TradingView template; copy it.
    await page.goto("/webhooks");
    await page.getByLabel("API key (optional)").fill(apiKey);
    await page.getByRole("button", { name: "Copy flat template" }).click();
    await page.getByText("Copied to the clipboard").waitFor();
    const template = await page.evaluate(() => navigator.clipboard.readText());
    expect(template).toContain(apiKey);
    expect(template).toContain("{{ticker}}");
    await screenshot(page, "critical-path-webhooks-desktop");

    // 4. Paste it into the playground as TradingView would send it, fill the placeholders, send to paper.
    await page.goto("/playground");
    await page.getByLabel("Alert JSON").fill(template);
    await page.getByRole("button", { name: "Fill placeholders with sample values" }).click();
    await page.getByTestId("alert-validation").getByText("Valid flat TradingView alert").waitFor();
    await page.getByRole("button", { name: "Send to paper" }).click();
    // Under load the paper fill can outlast the 2.5 s answer budget: "pending" then fills in the background.
    await page.getByTestId("paper-answer").getByText(/Order (filled|pending|submitted)/).waitFor();
    await screenshot(page, "critical-path-playground-desktop");

    // 5. The position is on the monitor, and its P&L moves with the feed without a reload.
    await page.getByRole("link", { name: "See it on Positions" }).click();
    await page.waitForURL("**/positions");
    const row = page.locator('[data-testid="position-row"][data-symbol="EURUSD"]');
    await row.waitFor();
    await page.locator('[data-testid="live-badge"][data-state="open"]').first().waitFor();
    await page.evaluate(() => ((window as unknown as { __criticalPath?: boolean }).__criticalPath = true));
    const before = await row.getByTestId("position-pnl").textContent();
    await page.waitForFunction(
      (initial) => document.querySelector('[data-testid="position-row"][data-symbol="EURUSD"] [data-testid="position-pnl"]')?.textContent !== initial,
      before,
      { timeout: 30_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { __criticalPath?: boolean }).__criticalPath)).toBe(true);
    await screenshot(page, "critical-path-positions-desktop");

    // 6. Close it through the confirmation dialog; the toast tells the realised P&L.
    await row.getByRole("button", { name: /^Close EURUSD/ }).click();
    await page.getByTestId("close-dialog").getByRole("button", { name: "Close position" }).click();
    const toast = page.getByTestId("toast").filter({ hasText: "Closed EURUSD" });
    await toast.waitFor();
    const realised = money(((await toast.textContent()) ?? "").match(/realised ([+−-]?\$[\d,]+(?:\.\d+)?)/)?.[1] ?? null);
    await page.getByTestId("positions-empty").waitFor();

    // 7. Analytics count the round trip with its P&L; the equity curve's balance moved by it.
    await page.goto("/analytics");
    await page.getByTestId("kpi-trades").waitFor();
    expect(await textOf(page, "kpi-trades")).toContain("1");
    expect(money(await page.getByTestId("kpi-net-pnl").locator("dd").first().textContent())).toBeCloseTo(realised, 2);
    await screenshot(page, "critical-path-analytics-desktop");

    await page.goto("/risk");
    const equity = page.getByTestId("equity-summary");
    await equity.waitFor();
    const balance = money(((await equity.textContent()) ?? "").match(/balance (\$[\d,]+(?:\.\d+)?)/)?.[1] ?? null);
    expect(balance).toBeCloseTo(100_000 + realised, 2);
    await screenshot(page, "critical-path-risk-desktop");

    // 8. The overview agrees: flat, one closed trade in the win rate, realised P&L in today's figure.
    await page.goto("/dashboard");
    expect(await textOf(page, "open-count")).toBe("0");
    await page.getByTestId("stat-win-rate").getByText("1 closed trade").waitFor();
    expect(money(await textOf(page, "today-pnl"))).toBeCloseTo(realised, 2);
    await context.close();
  });
});
