import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestApp, type TestApp } from "./test-app";
import { registerAdapter } from "../../brokers/registry";
import { PaperAdapter } from "../../brokers/paper/adapter";
import { ManualFeed } from "../../lib/market/price-feed";

/**
 * The test app with its paper broker pricing from a ManualFeed the tests move: `prices`
 * are set before every test; the default paper broker comes back after the file. Hands the
 * started app to `onStart` (the file's `app`) and returns the feed.
 */
export function paperTestApp(prices: Record<string, { bid: number; ask: number }>, onStart: (app: TestApp) => void): ManualFeed {
  const feed = new ManualFeed();
  let app: TestApp | undefined;
  const reset = () => {
    for (const [symbol, quote] of Object.entries(prices)) feed.set(symbol, quote);
  };
  beforeAll(async () => {
    app = await startTestApp();
    onStart(app);
    reset();
    registerAdapter(new PaperAdapter(feed));
  });
  beforeEach(reset);
  afterAll(async () => {
    registerAdapter(new PaperAdapter());
    await app?.close();
  });
  return feed;
}
