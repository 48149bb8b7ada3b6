import client from "prom-client";

// Ids in request paths become ":id" before they are labels, but a segment the client makes
// up (POST /webhook/<anything>, a non-UUID id) does not: each would be a new series of 14
// buckets, kept for the life of the process, for anyone who can send a request. Beyond this
// many routes, a route not seen before is labelled "other".
export const MAX_ROUTE_LABELS = 100;

/** Caps the distinct values of a histogram's first label (the route); the others are bounded already. */
function capRouteLabel<T extends string>(histogram: client.Histogram<T>, max: number): client.Histogram<T> {
  const seen = new Set<string>();
  const bound = (route: string) => {
    if (seen.has(route)) return route;
    if (seen.size >= max) return "other";
    seen.add(route);
    return route;
  };
  const labels = histogram.labels.bind(histogram) as (...args: unknown[]) => ReturnType<client.Histogram<T>["labels"]>;
  histogram.labels = ((...args: unknown[]) => {
    const [first, ...rest] = args;
    if (typeof first === "string") return labels(bound(first), ...rest);
    const values = first as Record<string, string | number>;
    return labels(values.route === undefined ? values : { ...values, route: bound(String(values.route)) });
  }) as client.Histogram<T>["labels"];
  return histogram;
}

// The paper engine (on the leader replica only) resets and refills pnl_unrealized on every
// tick, twice a second. A replica that stops leading stops ticking; its last values must not
// stay exported next to the new leader's, or a sum over replicas counts every position twice.
export const PNL_STALE_AFTER_MS = 10_000;

/** Clears a gauge at scrape time when nothing has reset it (a new round of values) for `staleAfterMs`. */
function expireWhenStale<T extends string>(gauge: client.Gauge<T>, staleAfterMs: number): client.Gauge<T> {
  let refreshedAt = Date.now();
  const reset = gauge.reset.bind(gauge);
  gauge.reset = () => {
    refreshedAt = Date.now();
    reset();
  };
  const get = gauge.get.bind(gauge);
  gauge.get = async () => {
    if (Date.now() - refreshedAt > staleAfterMs) reset();
    return get();
  };
  return gauge;
}

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: capRouteLabel(
      new client.Histogram({
        name: "http_request_duration_seconds",
        help: "HTTP request duration by route, method and status",
        labelNames: ["route", "method", "status"] as const,
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      }),
      MAX_ROUTE_LABELS,
    ),
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
      // Up to 2.5 s (the answer budget), then 3 s (TradingView gives up) and beyond: an answer
      // just over the budget must not land in +Inf with the ones that hung.
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10],
      registers: [registry],
    }),
    pnlUnrealized: expireWhenStale(
      new client.Gauge({
        name: "pnl_unrealized",
        help: "Unrealised P&L of open positions by broker and symbol",
        labelNames: ["broker", "symbol"] as const,
        registers: [registry],
      }),
      PNL_STALE_AFTER_MS,
    ),
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
