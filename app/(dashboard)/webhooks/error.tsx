"use client";

import { RouteError } from "@/components/activity/route-error";

export default function WebhooksError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="your webhook setup" error={error} retry={retry} />;
}
