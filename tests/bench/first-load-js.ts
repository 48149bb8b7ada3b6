// npm run first-load — first-load JavaScript per page of the production build (gzipped),
// measured as a browser gets it: every <script src> of the page's HTML, fetched and gzipped.
import zlib from "node:zlib";
import { ensureBuild, startServer } from "./server";

const PAGES = ["/", "/login", "/signup", "/dashboard", "/positions", "/accounts", "/webhooks", "/playground", "/risk", "/analytics", "/activity", "/settings"];
const BUDGET_KB = { "/dashboard": 300 } as Record<string, number>;

async function main() {
  await ensureBuild();
  const server = await startServer({ port: 3903 });
  try {
    const cookie = `unify_session=${server.token}`;
    const cache = new Map<string, number>();
    console.log("| page | scripts | first-load JS (gzip) |\n|---|---:|---:|");
    for (const page of PAGES) {
      const html = await (await fetch(`${server.url}${page}`, { headers: { cookie } })).text();
      const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
      let bytes = 0;
      for (const src of srcs) {
        if (!cache.has(src)) {
          const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
          cache.set(src, zlib.gzipSync(body, { level: 9 }).length);
        }
        bytes += cache.get(src)!;
      }
      const kb = bytes / 1024;
      const budget = BUDGET_KB[page];
      console.log(`| ${page} | ${srcs.length} | ${kb.toFixed(1)} KB${budget ? (kb <= budget ? ` (budget ${budget} KB: OK)` : ` (budget ${budget} KB: OVER)`) : ""} |`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
