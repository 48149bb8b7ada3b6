import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { parseEnv } from "../../lib/config/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

type Service = {
  image?: string;
  environment?: Record<string, string>;
  secrets?: ({ source: string; target: string } | string)[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  volumes?: string[];
};

describe("stack.yml (Docker Swarm)", () => {
  const stack = parse(read("stack.yml")) as { services: Record<string, Service>; secrets: Record<string, unknown>; volumes: Record<string, unknown> };

  test("has the proxy, app replicas, a 3-node NATS cluster, Postgres and Prometheus", () => {
    expect(Object.keys(stack.services)).toEqual(expect.arrayContaining(["proxy", "app", "nats-1", "nats-2", "nats-3", "postgres", "prometheus"]));
    expect(stack.services.app.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  test("the app's environment and secrets are all valid configuration", () => {
    const app = stack.services.app;
    const env: Record<string, string> = { ...app.environment };
    for (const s of app.secrets ?? []) {
      const target = typeof s === "string" ? s : s.target;
      expect(stack.secrets, `secret ${target} declared`).toHaveProperty(typeof s === "string" ? s : s.source);
      env[target] = target === "DATABASE_URL" ? "postgres://u:p@postgres/unify" : target === "UNIFY_ENCRYPTION_KEY" ? Buffer.alloc(32).toString("base64") : target === "STRIPE_SECRET_KEY" ? "sk_test_x" : target === "STRIPE_WEBHOOK_SECRET" ? "whsec_x" : "x".repeat(40);
    }
    expect(() => parseEnv(env)).not.toThrow();
    expect(env.NATS_URL.split(",")).toHaveLength(3);
  });

  test("the proxy publishes its ports in host mode, so the app sees the client's address (IP allowlists)", () => {
    const ports = (stack.services.proxy as { ports?: { published: number; mode?: string }[] }).ports ?? [];
    expect(ports.map((p) => [p.published, p.mode])).toEqual([
      [80, "host"],
      [443, "host"],
    ]);
  });

  test("the health check hits the real health endpoint and every named volume is declared", () => {
    expect(stack.services.app.healthcheck?.test.join(" ")).toContain("/api/unify/v1/health");
    for (const svc of Object.values(stack.services)) {
      for (const v of svc.volumes ?? []) {
        const src = v.split(":")[0];
        if (src.startsWith(".")) expect(fs.existsSync(path.join(ROOT, src)), src).toBe(true);
        else if (!src.startsWith("/")) expect(stack.volumes).toHaveProperty(src); // host paths (/var/run/docker.sock) are the host's
      }
    }
  });
});

describe("docker/Dockerfile and Prometheus", () => {
  const dockerfile = read("docker/Dockerfile");

  test("multi-stage build on Node 20 that runs next start as a non-root user with a health check", () => {
    expect(dockerfile.match(/^FROM node:20/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/^USER unify/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/api\/unify\/v1\/health/);
    expect(dockerfile).toMatch(/^CMD \[.*next.*start/m);
  });

  test("everything the image copies exists in the repository", () => {
    for (const m of dockerfile.matchAll(/^COPY --from=build [^/]*(\/app\/\S+)/gm)) {
      for (const src of m[0].split(/\s+/).filter((p) => p.startsWith("/app/"))) {
        const rel = src.replace("/app/", "");
        if ([".next", "node_modules"].includes(rel)) continue;
        expect(fs.existsSync(path.join(ROOT, rel)), rel).toBe(true);
      }
    }
  });

  test("Prometheus scrapes the metrics path of every replica", () => {
    const prom = parse(read("docker/prometheus.yml")) as { scrape_configs: { job_name: string; metrics_path?: string }[] };
    expect(prom.scrape_configs.find((j) => j.job_name === "unify")?.metrics_path).toBe("/api/unify/v1/metrics");
  });
});
