"use client";

import { useState } from "react";
import { formatPnl } from "@/lib/format/money";

/** Tailwind classes for a P&L amount: profit, loss, or plain for zero. */
export function pnlTone(value: number): string {
  return value > 0 ? "text-profit" : value < 0 ? "text-loss" : "text-text";
}

/**
 * A signed, coloured P&L amount framed by a green or red flash for a moment when it changes
 * (the flash classes turn themselves off under prefers-reduced-motion). The sign is
 * always written out, so colour is never the only cue.
 */
export function PnlValue({ value, className = "", testId, flash: flashes = true }: { value: number; className?: string; testId?: string; flash?: boolean }) {
  const [shown, setShown] = useState(value);
  const [flash, setFlash] = useState<{ dir: "up" | "down"; n: number } | null>(null);
  if (flashes && value !== shown) {
    // Adjusting state while rendering (React's pattern for "state that follows a prop").
    setShown(value);
    setFlash({ dir: value > shown ? "up" : "down", n: (flash?.n ?? 0) + 1 });
  }
  // The flash tints a thin frame around the amount while the amount itself stays on the
  // plain surface: its text keeps full contrast at every moment of the animation.
  return (
    <span key={flash?.n ?? 0} className={`inline-block rounded-md p-1 ${flash ? `flash-${flash.dir}` : ""}`}>
      <span className={`block rounded bg-surface px-1 font-mono tabular-nums ${pnlTone(value)} ${className}`} data-testid={testId}>
        {formatPnl(value)}
      </span>
    </span>
  );
}
