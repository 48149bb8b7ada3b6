import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, screenshot, uniqueEmail } from "./support/browser";

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("foundation in the browser", () => {
  test("sign up, log in, create a paper account, see its key exactly once, log out", async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    const email = uniqueEmail();
    const password = "a-long-password-1";

    await page.goto("/signup");
    await screenshot(page, "signup-desktop");
    await page.getByLabel("Name").fill("E2E Trader");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Start free trial" }).click();
    await page.waitForURL("**/dashboard");
    expect(await page.getByTestId("user-email").textContent()).toContain(email);

    // Sign out and back in, as a returning user would.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await screenshot(page, "login-desktop");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password-x");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Email or password is wrong.").waitFor();
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/dashboard");

    await page.goto("/accounts");
    await page.getByTestId("accounts-empty").waitFor();
    const name = `<b>Paper</b> & "quotes"`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Connect account" }).click();
    const keyEl = page.getByTestId("reveal-api-key");
    await keyEl.waitFor();
    const key = (await keyEl.textContent()) ?? "";
    expect(key).toMatch(/^uk_demo_[0-9A-Za-z]{32,}$/);
    // The HTML-looking name is shown as text, not markup.
    expect(await page.locator("b", { hasText: "Paper" }).count()).toBe(0);
    await page.getByTestId("account-row").getByText(name).waitFor();
    await screenshot(page, "accounts-key-revealed-desktop");

    await page.getByRole("button", { name: "I have saved them" }).click();
    expect(await page.content()).not.toContain(key);
    await page.reload();
    expect(await page.content()).not.toContain(key);
    const masked = (await page.getByTestId("masked-key").textContent()) ?? "";
    expect(masked).toContain(key.slice(0, 12));
    expect(masked).not.toContain(key.slice(12, -4));

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.goto("/accounts");
    await page.waitForURL("**/login");
    await context.close();
  });
});
