import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and must be loaded from node_modules at run time;
  // pg and nats use Node APIs that should not be bundled either.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "nats", "prom-client", "rate-limiter-flexible", "stripe"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
