import client from "prom-client";

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    ordersTotal: new client.Counter({
      name: "orders_total",
      help: "Orders by broker and final status",
      labelNames: ["broker", "status"] as const,
      registers: [registry],
    }),
    rejectsTotal: new client.Counter({
      name: "rejects_total",
      help: "Rejected alerts and orders by reason",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    webhookLatency: new client.Histogram({
      name: "webhook_latency_seconds",
      help: "Server-side time to answer a webhook alert",
      labelNames: ["broker", "outcome"] as const,
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    pnlUnrealized: new client.Gauge({
      name: "pnl_unrealized",
      help: "Unrealised P&L of open positions by broker and symbol",
      labelNames: ["broker", "symbol"] as const,
      registers: [registry],
    }),
    brokerCalls: new client.Counter({
      name: "broker_calls_total",
      help: "Broker API calls by broker and outcome",
      labelNames: ["broker", "outcome"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

const store = globalThis as unknown as { __unifyMetrics?: Metrics };

/** The process-wide metrics (one registry even when Next reloads modules in dev). */
export function metrics(): Metrics {
  store.__unifyMetrics ??= create();
  return store.__unifyMetrics;
}
