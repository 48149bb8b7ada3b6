/*
 * Times are shown in UTC, labelled as such: the analytics days are UTC days, and the server's
 * first render and the browser's must print the same text.
 */

/** Short axis label for an instant: "14:30" within a day, "Oct 14" across days (UTC). */
export function timeTick(ms: number, spanMs: number): string {
  const opts: Intl.DateTimeFormatOptions = spanMs <= 36 * 3_600_000 ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { month: "short", day: "numeric" };
  return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" }).format(ms);
}

/** Full date and time for tooltips and summaries, e.g. "Oct 14, 2025, 14:30 UTC". */
export function timeFull(ms: number): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone: "UTC" }).format(ms) + " UTC";
}

/**
 * Money for an axis whose values span `span`: compact ("$1.2M") when the span is wide, whole
 * dollars ("$100,250") when it is narrow, so neighbouring ticks never read the same.
 */
export function moneyTicker(span: number): (value: number) => string {
  const f =
    span >= 50_000
      ? new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 })
      : new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: span >= 50 ? 0 : 2 });
  return (value) => f.format(value);
}

/** Signed percentage: "+1.25 %", "−0.40 %". */
export function formatPct(value: number): string {
  const s = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(Math.abs(value));
  return value > 0 ? `+${s} %` : value < 0 ? `−${s} %` : `${s} %`;
}
