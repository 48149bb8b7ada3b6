import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { call } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const API = path.resolve(import.meta.dirname, "../../app/api/unify/v1");

/** Every route file's path and exported methods. */
function routes(dir = API, prefix = ""): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...routes(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, "{$1}")}`));
    else if (e.name === "route.ts") {
      const src = fs.readFileSync(path.join(dir, e.name), "utf8");
      out.push({ path: prefix, methods: [...src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1].toLowerCase()) });
    }
  }
  return out;
}

describe("GET /openapi.json", () => {
  test("documents every route and method that exists, with request schemas from zod", async () => {
    const res = await call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(app, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const r of routes()) {
      for (const m of r.methods) expect(res.body.paths[r.path]?.[m], `${m.toUpperCase()} ${r.path}`).toBeDefined();
    }
    const webhook = res.body.paths["/webhook/{broker}"].post as { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(webhook.requestBody.content)).toEqual(expect.arrayContaining(["application/json", "text/plain"]));
    expect(JSON.stringify(res.body.paths["/accounts"].post.requestBody)).toContain("require_signature");
  });
});
