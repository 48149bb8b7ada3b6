import type { BrokerAdapter, BrokerHealth, BrokerId } from "./types";
import { BROKER_IDS } from "./types";
import { PaperAdapter } from "./paper/adapter";
import { TradeLockerAdapter } from "./tradelocker/adapter";
import { ProjectXAdapter } from "./projectx/adapter";
import { TradovateAdapter } from "./tradovate/adapter";
import { MetaTraderAdapter } from "./mt/adapter";

const store = globalThis as unknown as { __unifyAdapters?: Map<BrokerId, BrokerAdapter> };

function create(id: BrokerId): BrokerAdapter {
  switch (id) {
    case "paper":
      return new PaperAdapter();
    case "tradelocker":
      return new TradeLockerAdapter();
    case "topstep":
      return new ProjectXAdapter();
    case "tradovate":
      return new TradovateAdapter();
    case "mt4":
    case "mt5":
      return new MetaTraderAdapter(id);
  }
}

/** The process-wide adapter of a broker (adapters hold token caches and limiters). */
export function adapterFor(id: BrokerId): BrokerAdapter {
  store.__unifyAdapters ??= new Map();
  let adapter = store.__unifyAdapters.get(id);
  if (!adapter) store.__unifyAdapters.set(id, (adapter = create(id)));
  return adapter;
}

/** Replaces the process's adapter of a broker (tests drive the paper broker with a ManualFeed this way). */
export function registerAdapter(adapter: BrokerAdapter): void {
  store.__unifyAdapters ??= new Map();
  store.__unifyAdapters.set(adapter.id, adapter);
}

/** Health of every broker, for /health. */
export function brokerHealth(): Record<string, BrokerHealth> {
  const out: Record<string, BrokerHealth> = {};
  for (const id of BROKER_IDS) {
    try {
      out[id] = adapterFor(id).health();
    } catch {
      out[id] = "down";
    }
  }
  return out;
}
