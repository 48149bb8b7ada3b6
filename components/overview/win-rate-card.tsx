"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api-client";
import { useStream } from "@/components/realtime/use-stream";
import { formatPnl } from "@/lib/format/money";
import { Stat } from "./stat";

type Summary = { trades: number; win_rate: number | null; net_pnl: number; currency?: string | null };
const fetchSummary = () => api<Summary>("/analytics/summary").catch(() => null);

type State = { kind: "loading" } | { kind: "ready"; summary: Summary } | { kind: "unavailable" };

/** Win rate over all closed trades, from GET /analytics/summary; refreshed when a position closes. */
export function WinRateCard() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const apply = useCallback((summary: Summary | null) => {
    // A failed refresh keeps the last good numbers; only a first failure says "unavailable".
    setState((s) => (summary ? { kind: "ready", summary } : s.kind === "ready" ? s : { kind: "unavailable" }));
  }, []);

  useEffect(() => {
    let alive = true;
    void fetchSummary().then((s) => alive && apply(s));
    return () => {
      alive = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [apply]);
  useStream(
    (_e, data) => {
      if ((data.position as { status?: string } | undefined)?.status !== "closed") return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void fetchSummary().then(apply), 500);
    },
    ["position"],
  );

  if (state.kind === "loading") return <Stat label="Win rate" testId="stat-win-rate" value={<span className="text-muted">…</span>} detail="Loading analytics…" />;
  if (state.kind === "unavailable") return <Stat label="Win rate" testId="stat-win-rate" value={<span className="text-muted">—</span>} detail="Analytics are unavailable right now." />;
  const { trades, win_rate, net_pnl, currency } = state.summary;
  if (win_rate === null || trades === 0) return <Stat label="Win rate" testId="stat-win-rate" value={<span className="text-muted">—</span>} detail="No closed trades yet." />;
  return (
    <Stat
      label="Win rate"
      testId="stat-win-rate"
      value={<span data-testid="win-rate">{(win_rate * 100).toFixed(1)}%</span>}
      detail={`${trades === 1 ? "1 closed trade" : `${trades} closed trades`} · net ${formatPnl(net_pnl, currency ?? "USD")}`}
    />
  );
}
