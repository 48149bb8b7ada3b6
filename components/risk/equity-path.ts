import { presetRange, type RangePreset } from "@/lib/analytics/date-range";

/** The GET /analytics/equity path for a range preset, from/to as UTC dates (shared by the page and the view). */
export function equityPath(preset: RangePreset, now: Date): string {
  const { from, to } = presetRange(preset, now);
  return `/analytics/equity?${new URLSearchParams(from ? { from, to } : { to })}`;
}
