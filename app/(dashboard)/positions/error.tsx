"use client";

import { RouteError } from "@/components/activity/route-error";

export default function PositionsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="your positions" error={error} retry={retry} />;
}
