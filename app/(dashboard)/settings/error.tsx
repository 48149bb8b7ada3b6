"use client";

import { RouteError } from "@/components/activity/route-error";

export default function SettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError what="your settings" error={error} retry={retry} />;
}
