import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../../test-output/screenshots");

/** Debian's Chromium, headless, without background networking (the machine's network is closed). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function newContext(browser: Browser, baseURL: string, width = 1280, height = 800): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width, height }, permissions: ["clipboard-read", "clipboard-write"] });
}

/** Saves a full-page screenshot under test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const uniqueEmail = () => `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Signs up a fresh user through the API (the browser context gets the session cookie) and returns the email. */
export async function signUpViaApi(context: BrowserContext, baseURL: string): Promise<{ email: string; password: string }> {
  const email = uniqueEmail();
  const password = "a-long-password-1";
  const res = await context.request.post(`${baseURL}/api/unify/v1/auth/signup`, {
    data: { email, password, name: "E2E Trader" },
    headers: { origin: baseURL },
  });
  if (res.status() !== 201) throw new Error(`signup failed: ${res.status()} ${await res.text()}`);
  return { email, password };
}

/** Connects a paper account through the API; returns its id and key. */
export async function paperAccountViaApi(context: BrowserContext, baseURL: string, name = "Paper"): Promise<{ id: string; api_key: string }> {
  const res = await context.request.post(`${baseURL}/api/unify/v1/accounts`, { data: { broker: "paper", name, mode: "demo" }, headers: { origin: baseURL } });
  if (res.status() !== 201) throw new Error(`account failed: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { account: { id: string }; api_key: string };
  return { id: body.account.id, api_key: body.api_key };
}

/** True when the page scrolls sideways (content wider than the viewport). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
