/** What the report shows while its numbers load: the shapes of the cards, no numbers. */
export function ReportSkeleton() {
  const block = "animate-pulse rounded-lg border border-border bg-surface motion-reduce:animate-none";
  return (
    <div aria-busy="true" className="space-y-4" data-testid="analytics-loading">
      <p role="status" className="text-sm text-muted">
        Loading analytics…
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className={`h-[5.5rem] ${block}`} />
        ))}
      </div>
      <div className={`h-80 ${block}`} />
    </div>
  );
}
