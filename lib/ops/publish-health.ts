import { checkHealth } from "@/lib/health/check-health";
import { getBus } from "@/lib/events";

/** Publishes ops.health for every open dashboard (the banner goes yellow/red without polling). */
export async function publishHealth(): Promise<void> {
  const health = await checkHealth();
  const bus = await getBus();
  await bus.publish("ops.health", { user_id: null, at: new Date().toISOString(), status: health.status, brokers: health.brokers });
}
