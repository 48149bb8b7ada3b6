"use client";

import { useState } from "react";
import { api } from "@/components/api-client";
import { useStream, type StreamState } from "@/components/realtime/use-stream";

export type HealthSnapshot = { status: "healthy" | "degraded" | "down"; brokers: Record<string, string>; db?: string; bus?: string };

const BROKER_NAMES: Record<string, string> = {
  paper: "Paper",
  tradelocker: "TradeLocker",
  topstep: "Topstep (ProjectX)",
  tradovate: "Tradovate",
  mt4: "MetaTrader 4",
  mt5: "MetaTrader 5",
};

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/** The banner's words and colour for a health snapshot and the state of the live connection. */
export function describeHealth(h: HealthSnapshot, stream: StreamState): { tone: "ok" | "warn" | "down"; text: string } {
  if (h.status === "down") {
    return { tone: "down", text: `Unify is down${h.db === "down" ? ": the database is unreachable" : ""}. Alerts are not being processed; open positions stay at the broker.` };
  }
  const troubled = Object.entries(h.brokers).filter(([, s]) => s !== "operational");
  const parts = troubled.map(([id, s]) => `${BROKER_NAMES[id] ?? id} is ${s}`);
  if (h.bus === "down") parts.push("the event bus is down, so live updates may lag");
  if (h.status === "degraded") {
    const brokers = troubled.map(([id]) => BROKER_NAMES[id] ?? id);
    const consequence = brokers.length ? ` Alerts for ${list(brokers)} may fail or be delayed.` : "";
    return { tone: "warn", text: `Degraded service: ${parts.length ? list(parts) : "some checks are failing"}.${consequence}` };
  }
  if (stream === "reconnecting") return { tone: "warn", text: "Live updates lost their connection; reconnecting. Numbers on screen may be out of date." };
  return { tone: "ok", text: "All systems operational." };
}

const TONE = {
  ok: { box: "border-border text-muted", dot: "bg-profit" },
  warn: { box: "border-warn bg-surface text-text", dot: "bg-warn" },
  down: { box: "border-loss bg-surface text-text", dot: "bg-loss" },
};

/** Green, yellow or red system status from GET /health and live "health" events (polite live region). */
export function HealthBanner({ initial }: { initial: HealthSnapshot }) {
  const [health, setHealth] = useState(initial);
  const stream = useStream(
    (_e, data) => {
      const status = data.status;
      if (status !== "healthy" && status !== "degraded" && status !== "down") return;
      const brokers = (data.brokers ?? {}) as Record<string, string>;
      setHealth((h) => ({ ...h, status, brokers }));
      // Events leave out the database and bus; when something is wrong, read the full report.
      if (status !== "healthy") {
        api<HealthSnapshot>("/health")
          .then((full) => setHealth(full))
          .catch(() => undefined);
      } else {
        setHealth({ status, brokers, db: "ok", bus: "ok" });
      }
    },
    ["health"],
  );
  const { tone, text } = describeHealth(health, stream);
  return (
    <div role="status" aria-live="polite" data-testid="health-banner" data-status={tone}>
      <p className={`flex items-start gap-2 rounded-md border px-3 ${tone === "ok" ? "py-1 text-xs" : "py-2 text-sm"} ${TONE[tone].box}`}>
        <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${TONE[tone].dot}`} />
        <span>
          {tone === "down" ? <strong className="text-loss">Outage. </strong> : tone === "warn" ? <strong className="text-warn">Heads up. </strong> : null}
          {text}
        </span>
      </p>
    </div>
  );
}

