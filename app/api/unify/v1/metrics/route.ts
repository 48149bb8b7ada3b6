// GET /api/unify/v1/metrics — Prometheus metrics (Bearer METRICS_TOKEN when configured)
import { withPublic } from "@/lib/http/handlers";
import { metrics } from "@/lib/metrics/registry";
import { config } from "@/lib/config/env";
import { AppError } from "@/lib/http/errors";
import { safeEqual } from "@/lib/crypto/hmac";

export const dynamic = "force-dynamic";

export const GET = withPublic(async ({ req }) => {
  const token = config().METRICS_TOKEN;
  if (token && !safeEqual(req.headers.get("authorization") ?? "", `Bearer ${token}`)) {
    throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>.");
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
