import { formatPnl } from "@/lib/format/money";

/** P&L as signed text in the profit/loss colour: the sign carries the meaning, the colour repeats it. */
export function PnlText({ value, className = "" }: { value: number; className?: string }) {
  const tone = value > 0 ? "text-profit" : value < 0 ? "text-loss" : "text-muted";
  return <span className={`tabular-nums ${tone} ${className}`}>{formatPnl(value)}</span>;
}
