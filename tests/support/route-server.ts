import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; names: string[]; module: string; specificity: number };

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

/** Every app/api/** /route.ts as a matcher, most specific (fewest params) first — as Next resolves them. */
function discoverRoutes(dir = API_DIR, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...discoverRoutes(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === "route.ts") {
      const names: string[] = [];
      const regex = segments
        .map((s) => {
          const m = /^\[(\.\.\.)?(\w+)\]$/.exec(s);
          if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(m[2]);
          return m[1] ? "(.+)" : "([^/]+)";
        })
        .join("/");
      routes.push({ pattern: new RegExp(`^/api/${regex}/?$`), names, module: path.join(dir, entry.name), specificity: names.length });
    }
  }
  return routes.sort((a, b) => a.specificity - b.specificity);
}

/**
 * Serves the real route handlers of app/api over real HTTP, without Next's compiler:
 * the same Request → Response functions Next calls, so integration tests exercise
 * handlers, wrappers, database and bus exactly as deployed.
 */
export async function startRouteServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = discoverRoutes();
  const modules = new Map<string, Record<string, Handler>>();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const match = route.pattern.exec(url.pathname)!;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
      let mod = modules.get(route.module);
      if (!mod) modules.set(route.module, (mod = (await import(route.module)) as Record<string, Handler>));
      const handler = mod[req.method ?? "GET"];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      // What Next's server does: the socket peer, unless the request already carries the header.
      if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "");
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(params) });
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => {
        if (k !== "set-cookie") outHeaders[k] = v;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) outHeaders["set-cookie"] = cookies;
      res.writeHead(response.status, outHeaders);
      if (!response.body) {
        res.end();
        return;
      }
      const reader = response.body.getReader();
      res.on("close", () => void reader.cancel().catch(() => {}));
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
