import { HealthTracker } from "@/brokers/shared/health-tracker";
import type { BrokerHealth } from "@/brokers/types";

const store = globalThis as unknown as { __unifyEaHealth?: Map<string, HealthTracker> };

function tracker(platform: "mt4" | "mt5"): HealthTracker {
  store.__unifyEaHealth ??= new Map();
  let t = store.__unifyEaHealth.get(platform);
  if (!t) store.__unifyEaHealth.set(platform, (t = new HealthTracker()));
  return t;
}

/**
 * How the EA bridge of one platform is doing, from command outcomes in this process: an
 * ack is "ok"; a command an EA collected but never confirmed is "failed" (a terminal that
 * executes nothing it is sent). A terminal that is simply switched off is the trader's
 * account being `down`, not the bridge failing, so expired-before-delivery counts for nothing.
 */
export const eaHealth = {
  ok: (platform: "mt4" | "mt5") => tracker(platform).record("ok"),
  failed: (platform: "mt4" | "mt5") => tracker(platform).record("failed"),
  status: (platform: "mt4" | "mt5"): BrokerHealth => tracker(platform).status(),
};
