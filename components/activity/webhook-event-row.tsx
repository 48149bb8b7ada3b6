import type { WebhookEventView } from "@/lib/activity/list-webhook-events";
import { CorrelationLink } from "./correlation-link";
import { JsonDetails } from "./json-details";
import { LocalTime } from "./local-time";

const OUTCOME: Record<string, { text: string; tone: string }> = {
  accepted: { text: "Accepted", tone: "text-profit border-profit" },
  rejected: { text: "Rejected", tone: "text-loss border-loss" },
  replayed: { text: "Replayed", tone: "text-muted border-border" },
};

/** One alert that reached Unify: outcome, HTTP status, why it was refused, latency, payload. */
export function WebhookEventRow({ event }: { event: WebhookEventView }) {
  const outcome = OUTCOME[event.outcome] ?? { text: event.outcome, tone: "text-muted border-border" };
  return (
    <li className="py-2 text-sm" data-testid="webhook-event-row" data-outcome={event.outcome}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded border px-1.5 text-xs font-semibold ${outcome.tone}`}>{outcome.text}</span>
        <span className="font-mono text-xs tabular-nums">HTTP {event.status_code}</span>
        <LocalTime iso={event.created_at} className="text-xs text-muted" />
        {event.broker ? <span className="text-xs text-muted">{event.broker}</span> : null}
        {event.latency_ms !== null ? <span className="font-mono text-xs tabular-nums text-muted">{event.latency_ms.toFixed(0)} ms</span> : null}
        <CorrelationLink id={event.correlation_id} />
      </div>
      {event.outcome === "rejected" || event.reason ? (
        <p className="mt-1 break-words">
          {event.rule ? <span className="font-mono text-xs text-loss">{event.rule}: </span> : event.code ? <span className="font-mono text-xs text-loss">{event.code}: </span> : null}
          {event.reason ?? "No reason recorded."}
        </p>
      ) : null}
      <JsonDetails label="Payload" value={event.payload} />
    </li>
  );
}
