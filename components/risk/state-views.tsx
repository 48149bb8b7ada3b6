import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The three non-data states every risk view shares: loading… */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="grid h-48 place-items-center rounded-md bg-surface-2 text-sm text-muted" aria-busy="true">
      Loading {label}…
    </div>
  );
}

/** …failed (with a retry)… */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="space-y-2 rounded-md border-2 border-loss p-3 text-sm">
      <p>{message}</p>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

/** …and nothing to show yet, saying why and what fills it. */
export function EmptyState({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div className="rounded-md border border-dashed border-border p-6 text-center text-sm text-muted" data-testid={testId}>
      {children}
    </div>
  );
}
