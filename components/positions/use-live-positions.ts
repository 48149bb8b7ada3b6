"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api-client";
import { useStream, type StreamState } from "@/components/realtime/use-stream";
import type { PositionView } from "@/lib/trading/schemas";
import { applyPosition, readPositionEvent, type LivePosition } from "./live-position";

export type LivePositions = {
  positions: LivePosition[];
  stream: StreamState;
  /** Set when the last refetch failed; the list still shows the last known state. */
  error: string | null;
  refresh: () => Promise<void>;
};

/**
 * Open positions kept live from the stream: marks update P&L in place, new positions
 * appear on top (then a refetch fills in when they opened), closed ones leave.
 * `onUpdate` sees every position event, closes included.
 */
export function useLivePositions(initial: LivePosition[], onUpdate?: (p: LivePosition) => void): LivePositions {
  const [positions, setPositions] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(positions);
  useEffect(() => {
    latest.current = positions;
  }, [positions]);

  const refresh = useCallback(
    () =>
      api<{ positions: PositionView[] }>("/positions?status=open").then(
        ({ positions: fresh }) => {
          setPositions(fresh);
          setError(null);
        },
        () => setError("Could not refresh positions; showing the last known state."),
      ),
    [],
  );

  useEffect(() => () => {
    if (refetchTimer.current) clearTimeout(refetchTimer.current);
  }, []);

  const stream = useStream(
    (_event, data) => {
      const next = readPositionEvent(data);
      if (!next) return;
      onUpdate?.(next);
      const known = latest.current.some((p) => p.id === next.id);
      setPositions((list) => applyPosition(list, next).list);
      if (!known && next.status === "open" && !refetchTimer.current) {
        refetchTimer.current = setTimeout(() => {
          refetchTimer.current = null;
          void refresh();
        }, 400);
      }
    },
    ["position"],
  );
  // Back from a dropped connection: the server replays what it still buffers, but a long
  // outage can outlast that buffer, so read the positions again.
  const lastStream = useRef(stream);
  useEffect(() => {
    if (lastStream.current === "reconnecting" && stream === "open") void refresh();
    lastStream.current = stream;
  }, [stream, refresh]);

  return { positions, stream, error, refresh };
}
