import Link from "next/link";

/** A correlation id as a link that filters the activity page down to that one request's trail. */
export function CorrelationLink({ id }: { id: string | null }) {
  if (!id) return null;
  return (
    <Link
      href={`/activity?correlation_id=${encodeURIComponent(id)}`}
      className="inline-block max-w-full truncate rounded bg-surface-2 px-1.5 py-0.5 font-mono text-[11px] text-primary hover:underline"
      title={`Show everything with correlation id ${id}`}
      data-testid="correlation-link"
    >
      <span className="sr-only">Trail of </span>
      {id.slice(0, 8)}
    </Link>
  );
}
