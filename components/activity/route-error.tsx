"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** A dashboard section that failed to load: says so plainly and offers to try again. */
export function RouteError({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <Card>
      <div role="alert" className="space-y-3">
        <h1 className="text-lg font-semibold">Could not load {what}</h1>
        <p className="text-sm text-muted">
          Nothing was changed: this page only failed to read your data. Your positions keep running at the broker.
          {digest ? ` Reference: ${digest}.` : ""}
        </p>
        <Button type="button" onClick={retry}>
          Try again
        </Button>
      </div>
    </Card>
  );
}
