"use client";

import { RouteError } from "@/components/activity/route-error";

export default function RiskError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="your risk views" error={error} retry={retry} />;
}
