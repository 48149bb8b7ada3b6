// GET /api/unify/v1/health — database, bus and broker health (no auth, no secrets)
import { withPublic } from "@/lib/http/handlers";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = withPublic(async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
});
