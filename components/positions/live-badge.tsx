import type { StreamState } from "@/components/realtime/use-stream";

type BadgeState = StreamState | "paused";
const TEXT: Record<BadgeState, string> = { open: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…", paused: "Paused" };
const DOT: Record<BadgeState, string> = { open: "bg-profit", connecting: "bg-muted", reconnecting: "bg-warn", paused: "bg-warn" };

/** Says whether the numbers next to it are live, in words and with a dot. */
export function LiveBadge({ state }: { state: BadgeState }) {
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs text-muted" data-testid="live-badge" data-state={state}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${DOT[state]}`} />
      {TEXT[state]}
    </span>
  );
}
