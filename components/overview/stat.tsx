import type { ReactNode } from "react";

/** One headline number with its label and a line of context. */
export function Stat({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <section className="min-w-0 rounded-lg border border-border bg-surface p-4" aria-label={label} data-testid={testId}>
      <h2 className="text-sm font-medium text-muted">{label}</h2>
      <div className="mt-1 truncate text-2xl font-semibold tabular-nums">{value}</div>
      {detail ? <div className="mt-1 text-xs text-muted">{detail}</div> : null}
    </section>
  );
}
