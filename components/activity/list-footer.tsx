import { Button } from "@/components/ui/button";

/** The end of a paginated list: its error with Retry, or Load more while there is more. */
export function ListFooter({ busy, error, hasMore, onRetry, onMore, what }: { busy: "reload" | "more" | null; error: string | null; hasMore: boolean; onRetry: () => void; onMore: () => void; what: string }) {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      {error ? (
        <p role="alert" className="text-sm text-loss">
          {error}{" "}
          <button type="button" className="underline" onClick={onRetry}>
            Retry
          </button>
        </p>
      ) : null}
      {hasMore ? (
        <Button type="button" variant="secondary" onClick={onMore} disabled={busy !== null} aria-label={`Load more ${what}`}>
          {busy === "more" ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
