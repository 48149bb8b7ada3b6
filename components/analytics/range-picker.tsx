import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { RangePreset } from "@/lib/analytics/date-range";
import type { PageRange } from "./page-range";

const PRESETS: { id: RangePreset; label: string }[] = [
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
  { id: "90d", label: "90 days" },
  { id: "all", label: "All time" },
];

const chip = "inline-flex min-h-10 items-center rounded-md border px-3 text-sm";
const input = "rounded-md border border-border bg-surface px-3 py-2 text-sm text-text aria-[invalid=true]:border-loss";

/**
 * Quick ranges as links and a custom from/to form (GET, so both work before hydration and
 * land in the URL: shareable, and Back goes to the previous range), plus the CSV export
 * of the same range.
 */
export function RangePicker({ range, today }: { range: PageRange; today: string }) {
  const invalid = range.error ? true : undefined;
  return (
    <div className="space-y-2 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div role="group" aria-label="Quick date ranges" className="flex flex-wrap gap-1">
          {PRESETS.map((p) => {
            const active = range.preset === p.id;
            return (
              <Link
                key={p.id}
                href={`/analytics?range=${p.id}`}
                aria-current={active ? "true" : undefined}
                className={`${chip} ${active ? "border-primary bg-primary font-semibold text-primary-fg" : "border-border text-text hover:bg-surface-2"}`}
              >
                {p.label}
              </Link>
            );
          })}
        </div>
        <Form action="/analytics" aria-label="Custom date range" className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="range-from" className="block text-xs font-medium text-muted">
              From
            </label>
            <input id="range-from" name="from" type="date" max={today} defaultValue={range.query.from ?? ""} aria-invalid={invalid} aria-describedby={invalid && "range-error"} className={input} />
          </div>
          <div className="space-y-1">
            <label htmlFor="range-to" className="block text-xs font-medium text-muted">
              To
            </label>
            <input id="range-to" name="to" type="date" max={today} defaultValue={range.query.to ?? ""} aria-invalid={invalid} aria-describedby={invalid && "range-error"} className={input} />
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </Form>
        {range.error ? null : (
          <a
            href={`/api/unify/v1/exports/trades.csv${range.search ? `?${range.search}` : ""}`}
            download
            className={`${chip} border-border font-medium text-text hover:bg-surface-2 sm:ml-auto`}
          >
            Export CSV
          </a>
        )}
      </div>
      <p className="text-xs text-muted">Days are UTC. Trades count on the day they closed.</p>
      {range.error ? (
        <p id="range-error" role="alert" className="text-sm text-loss">
          {range.error}
        </p>
      ) : null}
    </div>
  );
}
