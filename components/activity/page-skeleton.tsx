/** The placeholder a dashboard page shows while its data loads (no numbers, only shapes). */
export function PageSkeleton({ title, blocks = 2 }: { title: string; blocks?: number }) {
  return (
    <div aria-busy="true" className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p role="status" className="text-sm text-muted">
        Loading {title.toLowerCase()}…
      </p>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className="h-40 animate-pulse rounded-lg border border-border bg-surface motion-reduce:animate-none" />
      ))}
    </div>
  );
}
