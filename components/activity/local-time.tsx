"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};
const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "UTC" });
let local: Intl.DateTimeFormat | null = null;

/**
 * A timestamp in the reader's own time zone. The server does not know that zone, so the
 * first paint says UTC and the browser switches to local time right after hydration
 * (no hydration mismatch, no guess).
 */
export function LocalTime({ iso, className = "" }: { iso: string; className?: string }) {
  const inBrowser = useSyncExternalStore(noSubscribe, () => true, () => false);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  local ??= inBrowser ? new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" }) : null;
  const text = inBrowser && local ? local.format(date) : `${utc.format(date)} UTC`;
  return (
    <time dateTime={iso} className={`whitespace-nowrap tabular-nums ${className}`} title={date.toISOString()}>
      {text}
    </time>
  );
}
