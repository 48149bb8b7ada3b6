"use client";

import { RouteError } from "@/components/activity/route-error";

export default function ActivityError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="your activity" error={error} retry={retry} />;
}
