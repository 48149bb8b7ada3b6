import { defineConfig } from "vitest/config";
import path from "node:path";

// Browser tests: Playwright (playwright-core) driving Debian's Chromium against the
// production build (`next start`) on a fresh embedded database.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/e2e/**/*.spec.ts"],
    globalSetup: ["tests/e2e/support/server.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: "forks",
  },
});
