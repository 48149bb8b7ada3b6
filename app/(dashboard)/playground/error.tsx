"use client";

import { RouteError } from "@/components/activity/route-error";

export default function PlaygroundError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="the playground" error={error} retry={retry} />;
}
