import { formatMoney, formatNumber } from "@/lib/format/money";

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A fraction 0..1 as "66.7%". */
export const formatShare = (fraction: number): string => percent.format(fraction);

/** A ratio such as profit factor or Sharpe, two decimals: "2.33". */
export const formatRatio = (n: number): string => ratio.format(n);

/** A number already in percent (max_drawdown_pct) as "1.25%"; a sliver above 0 reads "<0.01%", not "0%". */
export const formatPercentValue = (n: number): string => (n > 0 && n < 0.01 ? "<0.01%" : `${pct.format(n)}%`);

/** Money in the accounts' currency; a plain number when accounts mix currencies (no symbol would be right). */
export function formatAmount(value: number, currency: string | null): string {
  return currency ? formatMoney(value, currency) : formatNumber(value, 2);
}

/** Signed money: "+$12.50" / "−$3.00" — the sign is written, so colour is never the only cue. */
export function formatSignedAmount(value: number, currency: string | null): string {
  const s = formatAmount(Math.abs(value), currency);
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

/** Tailwind text colour for a P&L: profit, loss, or plain for zero. */
export function pnlTone(value: number): string {
  return value > 0 ? "text-profit" : value < 0 ? "text-loss" : "text-text";
}

/**
 * Profit factor for people: null is ∞ when the trades netted a profit (winners and no
 * losers), otherwise undefined ("—"). `spoken` is for screen readers where a symbol is shown.
 */
export function describeProfitFactor(pf: number | null, netPnl: number): { text: string; spoken: string | null } {
  if (pf !== null) return { text: formatRatio(pf), spoken: null };
  return netPnl > 0 ? { text: "∞", spoken: "infinite, no losing trades" } : { text: "—", spoken: "none, no decisive trades" };
}
