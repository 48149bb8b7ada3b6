import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, newContext, screenshot, signUpViaApi } from "./support/browser";
import { expectAccessible } from "./support/axe";

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("sign-in pages and the accounts manager", () => {
  test.each([
    ["login", "/login"],
    ["signup", "/signup"],
  ])("%s: accessible, no sideways scroll at 375 px, screenshots", async (name, path) => {
    for (const [width, suffix] of [[1280, "desktop"], [375, "mobile"]] as const) {
      const context = await newContext(browser, baseUrl, width, 800);
      const page = await context.newPage();
      await page.goto(path);
      await page.getByRole("button", { name: name === "login" ? "Sign in" : "Start free trial" }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await expectAccessible(page, `${name} ${suffix}`);
      await screenshot(page, `${name}-${suffix}`);
      await context.close();
    }
  });

  test("accounts: empty state, then a connected account; accessible and no sideways scroll at 375 px", async () => {
    for (const [width, suffix] of [[1280, "desktop"], [375, "mobile"]] as const) {
      const context = await newContext(browser, baseUrl, width, 800);
      await signUpViaApi(context, baseUrl);
      const page = await context.newPage();
      await page.goto("/accounts");
      await page.getByTestId("accounts-empty").waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await expectAccessible(page, `accounts empty ${suffix}`);
      await page.getByLabel("Name").fill("Paper main");
      await page.getByRole("button", { name: "Connect account" }).click();
      await page.getByTestId("reveal-api-key").waitFor();
      await page.getByRole("button", { name: "I have saved them" }).click();
      await page.getByTestId("account-row").waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await expectAccessible(page, `accounts ${suffix}`);
      await screenshot(page, `accounts-${suffix}`);
      await context.close();
    }
  });
});
